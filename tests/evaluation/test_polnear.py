"""PolNeAR scoring on a two-article brat folder (tests/data/evaluation/polnear), by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimledger.errors import ClaimLedgerError
from claimledger.evaluation.polnear import load_articles, parse_ann, score_polnear

DATA = Path(__file__).parent.parent / "data" / "evaluation" / "polnear"
# Article "wall": 'Trump said the wall will be built. "We will win," Clinton said. "Believe me."'
# gold: Trump/said/the wall will be built, and Clinton/said/"We will win," + "Believe me."
# Article "broke": 'According to aides, the campaign is broke. Voters doubt it.'
# gold: aides/According to/the campaign is broke ("Voters doubt" has no content: no attribution)


@pytest.fixture(scope="module")
def articles():
    return load_articles(DATA, "dev")


def span(text: str, needle: str, after: int = 0) -> dict:
    start = text.index(needle, after)
    return {"text": needle, "start": start, "end": start + len(needle)}


def attribution(
    content: dict, cue: dict | None = None, source: dict | None = None, parent: str | None = None
):
    return {"id": "a", "content": content, "cue": cue, "source": source, "parent": parent}


def gold_records(articles) -> list[dict]:
    """What a perfect extractor writes: the split quote as two attributions sharing the cue."""
    wall, broke = (a.text for a in articles)
    clinton = dict(cue=span(wall, "said", 40), source=span(wall, "Clinton"))
    return [
        {
            "attributions": [
                attribution(span(wall, "the wall will be built"), span(wall, "said"), span(wall, "Trump")),
                attribution(span(wall, '"We will win,"'), **clinton),
                attribution(span(wall, '"Believe me."'), **clinton),
            ]
        },
        {
            "attributions": [
                attribution(
                    span(broke, "the campaign is broke"), span(broke, "According to"), span(broke, "aides")
                )
            ]
        },
    ]


def test_loads_texts_metadata_and_the_first_annotation_file(articles):
    wall, broke = articles
    assert (wall.id, wall.published, wall.title) == ("abc_2016-09-01_wall", dt.date(2016, 9, 1), "The wall")
    assert len(wall.attributions) == 2  # the second annotator's file (z9y8) is ignored
    quote = wall.attributions[1]
    assert [wall.text[s:e] for s, e in quote.content] == ['"We will win,"', '"Believe me."']  # Content2
    assert [broke.text[s:e] for s, e in broke.attributions[0].source] == ["aides"]
    assert len(broke.attributions) == 1  # an event without content is no attribution


def test_parse_ann_reads_discontinuous_spans_and_drops_fragments_outside_the_text():
    ann = "T1\tContent 0 3;5 9\tabc efgh\nT2\tCue 40 44\tsaid\nE1\tAttribution:T2 Content:T1 Cue:T2\n"
    (gold,) = parse_ann(ann, text_length=20)
    assert gold.content == [(0, 3), (5, 9)]
    assert gold.cue == []


def test_perfect_predictions_score_100(articles):
    metrics = score_polnear(articles, gold_records(articles)).metrics()
    assert set(metrics.values()) == {100.0}


def test_no_predictions_score_0(articles):
    report = score_polnear(articles, [{"attributions": []}] * 2)
    assert set(report.metrics().values()) == {0.0}
    assert report.counts["gold"] == 3


def test_without_cue_merging_the_split_quote_is_two_units(articles):
    metrics = score_polnear(articles, gold_records(articles), merge_cues=False).metrics()
    # '"We will win,"' alone has content Jaccard 6/11 with the gold quote: linked; the other part is not
    assert (metrics["linked_p"], metrics["linked_r"]) == (75.0, 100.0)


def test_partial_case(articles):
    wall = articles[0]
    text = wall.text
    record = {
        "attributions": [
            # the content takes the full stop with it; gold stops before it
            attribution(span(text, "the wall will be built."), span(text, "said"), span(text, "Trump")),
            attribution(span(text, "will be built"), span(text, "built"), None, parent="a"),
        ]
    }
    metrics = score_polnear([wall], [record]).metrics()
    assert (metrics["source_exact_p"], metrics["source_exact_r"]) == (100.0, 50.0)
    assert (metrics["content_exact_p"], metrics["content_exact_r"]) == (0.0, 0.0)
    # gold content has 16 tokens (5 + 6 + 5); the prediction 6, of which 5 are gold
    assert metrics["content_tok_p"] == pytest.approx(100 * 5 / 6)
    assert metrics["content_tok_r"] == pytest.approx(100 * 5 / 16)
    assert (metrics["linked_p"], metrics["linked_r"], metrics["linked_src_r"]) == (100.0, 50.0, 50.0)
    nested = score_polnear([wall], [record], top_level_only=False)
    assert nested.counts["predicted"] == 2
    assert nested.metrics()["cue_exact_p"] == 50.0


def test_linked_src_needs_overlapping_sources(articles):
    wall = articles[0]
    text = wall.text
    wrong = attribution(span(text, "the wall will be built"), span(text, "said"), span(text, "Clinton"))
    entity_only = attribution(span(text, "the wall will be built"), span(text, "said"), {"entity": "e1"})
    for prediction in (wrong, entity_only, {**wrong, "source": None}):
        metrics = score_polnear([wall], [{"attributions": [prediction]}]).metrics()
        assert (metrics["linked_r"], metrics["linked_src_r"]) == (50.0, 0.0)


def test_a_missing_split_is_a_clear_error():
    with pytest.raises(ClaimLedgerError, match="no PolNeAR split 'test'"):
        load_articles(DATA, "test")
