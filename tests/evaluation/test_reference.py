"""Reference-ledger scoring on a one-article ledger (tests/data/evaluation/reference/mini.*)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.errors import ClaimLedgerError
from claimledger.evaluation.reference import load_references, norm_name, score_references

DATA = Path(__file__).parent.parent / "data" / "evaluation" / "reference"
# 'Officials said on Monday that about 200 troops had left Kyiv. Ukraine denied it.'


@pytest.fixture(scope="module")
def reference():
    (reference,) = load_references(DATA)
    return reference


def span(text: str, needle: str) -> dict:
    start = text.index(needle)
    return {"text": needle, "start": start, "end": start + len(needle)}


def attribution(text, id_, content, cue, source, entity=None, **labels) -> dict:
    source_span = span(text, source) if source else {"start": None, "end": None}
    return {
        "id": id_,
        "content": span(text, content),
        "cue": span(text, cue),
        "source": {"entity": entity, "entities": [entity] if entity else [], **source_span},
        "kind": "indirect",
        "parent": None,
        "via": [],
        "certainty": "certain",
        "polarity": "affirmed",
    } | labels


def entity(text, id_, name, *mentions) -> dict:
    return {"id": id_, "name": name, "mentions": [span(text, m) for m in mentions]}


def perfect(text: str) -> dict:
    return {
        "entities": [
            entity(text, "e1", "Officials", "Officials"),
            entity(text, "e2", "Ukraine", "Ukraine", "Kyiv"),
        ],
        "attributions": [
            attribution(text, "a1", "about 200 troops had left Kyiv", "said", "Officials", "e1"),
            attribution(text, "a2", "it.", "denied", "Ukraine", "e2", polarity="denied"),
        ],
        "figures": [
            {**span(text, "about 200 troops"), "value": 200, "low": None, "high": None, "approximate": True}
            | {"attribution": "a1"}
        ],
        "times": [{**span(text, "Monday"), "type": "date", "value": "2024-01-08"}],
    }


EMPTY = {"entities": [], "attributions": [], "figures": [], "times": []}


def test_loads_the_article_beside_the_ledger(reference):
    assert reference.id == "mini"
    assert reference.text.startswith("Officials said on Monday")


def test_the_article_may_be_named_in_the_ledger(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "x.txt").write_text("Text.\r\n", encoding="utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x.json").write_text(json.dumps({"article": "articles/x.txt"}), encoding="utf-8")
    (loaded,) = load_references(tmp_path / "gold" / "x.json")
    assert loaded.text == "Text.\n"
    (tmp_path / "gold" / "y.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ClaimLedgerError, match="y.txt"):
        load_references(tmp_path / "gold")


def test_perfect_record_scores_100(reference):
    scores = score_references([reference], [perfect(reference.text)]).scores
    assert scores.pop("nested") is None  # the ledger has no parent or via to grade
    assert set(scores.values()) == {100.0}


def test_empty_record(reference):
    scores = score_references([reference], [EMPTY]).scores
    assert (scores["attr_r"], scores["fig_r"], scores["time_r"], scores["entity"]) == (0, 0, 0, 0)
    assert scores["attr_p"] is None  # nothing predicted: nothing to grade, left out of averages


def test_partial_case(reference):
    text = reference.text
    record = {
        "entities": [entity(text, "e2", "Ukraine", "Ukraine", "Kyiv")],
        "attributions": [
            # the source as a span only; certainty wrong
            attribution(
                text, "p1", "that about 200 troops had left Kyiv", "said", "Officials", certainty="probable"
            )
        ],
        "figures": [
            {**span(text, "200 troops"), "value": 200, "low": None, "high": None, "approximate": False}
            | {"attribution": "p1"}
        ],
        "times": [{**span(text, "Monday"), "type": "date", "value": "2024-01-09"}],
    }
    report = score_references([reference], [record])
    assert report.scores == {
        "attr_r": 50.0,
        "attr_p": 100.0,
        "source": 100.0,
        "cue": 100.0,
        "kind": 100.0,
        "certainty": 0.0,
        "nested": None,
        "fig_r": 100.0,
        "fig_p": 100.0,
        "fig_value": 0.0,
        "fig_source": 100.0,
        "time_r": 100.0,
        "time_p": 100.0,
        "time_value": 0.0,
        "entity": 100.0,
    }
    assert (report.counts["attr_r_hits"], report.counts["attr_r_total"]) == (1, 2)


def test_an_optional_reference_earns_precision_but_no_recall(reference):
    text = reference.text
    record = EMPTY | {"attributions": [attribution(text, "p1", "Ukraine denied it", "denied", None)]}
    scores = score_references([reference], [record]).scores
    assert (scores["attr_r"], scores["attr_p"]) == (0.0, 100.0)


def test_entity_pairs_joined_wrongly_cost_precision(reference):
    text = reference.text
    record = EMPTY | {"entities": [entity(text, "e1", "Ukraine", "Officials", "Ukraine", "Kyiv")]}
    report = score_references([reference], [record])
    # one right link (Ukraine-Kyiv), two wrong (Officials with each): P 1/3, R 1/1
    assert report.scores["entity"] == pytest.approx(50.0)
    assert report.counts["entity_merges_wrong"] == 2


def test_scores_average_over_the_articles_that_grade_them(reference):
    scores = score_references([reference, reference], [perfect(reference.text), EMPTY]).scores
    assert (scores["attr_r"], scores["attr_p"]) == (50.0, 100.0)


def test_norm_name():
    assert norm_name("The Nato Chief’s") == "nato chief s"
