"""TimeML scoring on one hand-made file (tests/data/evaluation/timeml/mini.tml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimledger.errors import ClaimLedgerError
from claimledger.evaluation.timeml import load_articles, parse_tml, score_timeml

DATA = Path(__file__).parent.parent / "data" / "evaluation" / "timeml"


@pytest.fixture(scope="module")
def article():
    (article,) = load_articles(DATA)
    return article


def time(text: str, needle: str, type_: str, value: str | None) -> dict:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "type": type_, "value": value}


def test_text_without_tags_dct_and_title(article):
    assert article.text == "\nStocks fell on Tuesday after a week of gains. AT&T reports this quarter.\n"
    assert (article.id, article.published, article.title) == ("mini", dt.date(1998, 1, 8), "Markets & money")
    found = [(article.text[t.start : t.end], t.type, t.value) for t in article.timexes]
    # the self-closing TIMEX3 before "reports" spans no text: not a gold item
    assert found == [
        ("Tuesday", "DATE", "1998-01-06"),
        ("week", "DURATION", "P1W"),
        ("this quarter", "DATE", "1998-Q1"),
    ]


def test_perfect_and_empty(article):
    perfect = [{"times": [{**vars(t), "type": t.type.lower()} for t in article.timexes]}]
    assert set(score_timeml([article], perfect).metrics().values()) == {100.0}
    empty = score_timeml([article], [{"times": []}]).metrics()
    assert (empty["strict_r"], empty["relaxed_r"], empty["value_r"], empty["type_acc"]) == (0, 0, 0, 0)


def test_partial_case(article):
    text = article.text
    record = {
        "times": [
            time(text, "Tuesday", "date", "1998-01-06"),  # strict, value right
            time(text, "a week", "date", "P7D"),  # relaxed only: wider span, other value and type
            time(text, "gains", "date", None),  # spurious; "this quarter" is missed
        ]
    }
    report = score_timeml([article], [record])
    metrics = report.metrics()
    assert metrics["strict_f1"] == pytest.approx(100 / 3)
    assert metrics["relaxed_f1"] == pytest.approx(200 / 3)
    assert metrics["value_f1"] == pytest.approx(100 / 3)
    assert metrics["type_acc"] == 50.0
    assert report.counts == {"articles": 1, "gold": 3, "predicted": 3, "relaxed": 2, "same_type": 1}


def test_relaxed_matching_is_one_to_one_and_prefers_identical_spans(article):
    text = article.text
    record = {"times": [time(text, "on Tuesday", "date", "x"), time(text, "Tuesday", "date", "1998-01-06")]}
    metrics = score_timeml([article], [record]).metrics()
    assert (metrics["relaxed_p"], metrics["value_p"]) == (50.0, 50.0)


def test_malformed_xml_is_a_clear_error():
    with pytest.raises(ClaimLedgerError, match="broken.tml"):
        parse_tml("broken", "<TimeML><TEXT>open")
