"""The trained role tagger: BIO labels and spans, the parse features its weights were trained on,
and where the pipeline adds it."""

from __future__ import annotations

import pytest
import spacy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from claimledger.components.roles import SPANS_KEY, SyntaxFeatures, bio_labels, spans_from_labels
from claimledger.pipeline import has_role_tagger_base


def test_nested_cue_wins_over_the_content_around_it():
    # The content goes on as I-CONTENT after the cue; reading it back starts a new span there.
    doc = spacy.blank("en")("Aides said he told them it was over .")
    spans = [
        Span(doc, 0, 1, label="SOURCE"),
        Span(doc, 1, 2, label="CUE"),
        Span(doc, 2, 8, label="CONTENT"),
        Span(doc, 3, 4, label="CUE"),
    ]
    assert bio_labels(doc, spans) == [
        "B-SOURCE",
        "B-CUE",
        "B-CONTENT",
        "B-CUE",
        "I-CONTENT",
        "I-CONTENT",
        "I-CONTENT",
        "I-CONTENT",
        "O",
    ]


def test_labels_come_back_as_spans_and_a_stray_inside_tag_starts_one():
    doc = spacy.blank("en")("Officials say it will rain , polls show .")
    labels = ["B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "I-CONTENT", "O", "I-SOURCE", "B-CUE", "O"]
    spans = [(s.text, s.label_) for s in spans_from_labels(doc, labels)]
    assert spans == [
        ("Officials", "SOURCE"),
        ("say", "CUE"),
        ("it will rain", "CONTENT"),
        ("polls", "SOURCE"),
        ("show", "CUE"),
    ]


def parsed(words, heads, deps, pos, lemmas) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_features_are_the_strings_the_weights_were_trained_on():
    # 'Aides said “it rained”' : the shipped weights read exactly these strings' hashes, so a
    # change here silently turns the tagger into noise.
    doc = parsed(
        words=["Aides", "said", "“", "it", "Rained", "”"],
        heads=[1, 1, 4, 4, 1, 4],
        deps=["nsubj", "ROOT", "punct", "nsubj", "ccomp", "punct"],
        pos=["NOUN", "VERB", "PUNCT", "PRON", "VERB", "PUNCT"],
        lemmas=["aide", "say", "“", "it", "Rain", "”"],
    )
    rows = SyntaxFeatures()(doc)
    expected = {
        0: ("d=nsubj|p=NOUN", "nsubj<say", "l=aide|", "c=ROOT<say|", "q=False"),
        1: ("d=ROOT|p=VERB", "ROOT<say", "l=say|ccomp,nsubj", "c=ROOT<say|say", "q=False"),
        2: ("d=punct|p=PUNCT", "punct<rain", "l=“|", "c=ccomp<say|", "q=True"),
        4: ("d=ccomp|p=VERB", "ccomp<say", "l=rain|nsubj", "c=ccomp<say|rain", "q=True"),
        5: ("d=punct|p=PUNCT", "punct<rain", "l=”|", "c=ccomp<say|", "q=True"),
    }
    for i, strings in expected.items():
        assert rows[i].tolist() == [get_string_id(s) for s in strings], doc[i].text


def test_a_straight_quote_closes_at_a_line_break():
    doc = parsed(
        words=['"', "Yes", "\n", "No"],
        heads=[1, 1, 1, 3],
        deps=["punct", "ROOT", "dep", "ROOT"],
        pos=["PUNCT", "INTJ", "SPACE", "INTJ"],
        lemmas=['"', "yes", "\n", "no"],
    )
    quoted = SyntaxFeatures()(doc)[:, 4].tolist()
    assert quoted == [get_string_id(f"q={q}") for q in (True, True, False, False)]


def test_only_the_pipeline_whose_tok2vec_it_reads_gets_the_tagger():
    assert not has_role_tagger_base(spacy.blank("en"))


@pytest.mark.slow
def test_the_shipped_tagger_marks_a_plain_statement(nlp):
    assert "claimledger_roles" in nlp.pipe_names
    doc = nlp("The senator said the bill would fail.")
    roles = {(s.text, s.label_) for s in doc.spans[SPANS_KEY]}
    assert {("The senator", "SOURCE"), ("said", "CUE"), ("the bill would fail", "CONTENT")} <= roles
