"""BIO labels of the training recipe's role tagger (training/role_tagger.py) round-trip to spans."""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.tokens import Span

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training"))
from role_tagger import bio_labels, spans_from_labels  # noqa: E402


def test_nested_cue_wins_over_the_content_around_it():
    # The content goes on as I-CONTENT after the cue; reading it back starts a new span there.
    doc = spacy.blank("en")("Aides said he told them it was over .")
    content = Span(doc, 2, 8, label="CONTENT")
    spans = [
        Span(doc, 0, 1, label="SOURCE"),
        Span(doc, 1, 2, label="CUE"),
        content,
        Span(doc, 3, 4, label="CUE"),
    ]
    labels = bio_labels(doc, spans)
    assert labels == [
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
