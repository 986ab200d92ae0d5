"""Figure reconciliation: one question per quantity, estimates kept per source, never averaged."""

from __future__ import annotations

import math

import pytest

from claimledger.ledger import figures
from claimledger.ledger.reconcile import interval


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        ((3000, None, None, False), (3000, 3000)),  # "3,000 troops"
        ((10000, None, None, True), (9000, 11000)),  # "about 10,000"
        ((12000, None, 12000, False), (0, 12000)),  # "up to 12,000"
        ((30000, None, 30000, True), (27000, 30000)),  # "nearly 30,000"
        ((100, 100, None, False), (100, math.inf)),  # "more than 100"
        ((None, 150, 200, False), (150, 200)),  # "150 to 200"
        ((None, 24, None, True), (24, math.inf)),  # "dozens": the floor
    ],
)
def test_interval_of_each_kind_of_figure(figure, expected):
    assert interval(*figure) == pytest.approx(expected)


def nk_troops(ledger) -> dict:
    (question,) = [
        q
        for q in figures(ledger, about="North Korean troops")
        if q["title"] == "North Korea: troops in Russia"
    ]
    return question


def test_troop_estimates_from_two_articles_form_one_question(filled):
    question = nk_troops(filled)
    articles = {estimate["article_title"] for estimate in question["estimates"]}
    assert len(articles) == 2
    values = sorted((e["source"], e["value"], e["said_on"]) for e in question["estimates"])
    assert values == [
        ("National Intelligence Service", 3000.0, "2024-10-29"),
        ("National Intelligence Service", 10000.0, "2024-11-05"),
        ("Pentagon", 10000.0, "2024-10-29"),
        ("Pentagon", 10000.0, "2024-11-04"),
        ("South Korea’s spy chief", 3000.0, "2024-10-21"),  # "last week" before 2024-10-29
        ("Ukraine's military intelligence agency", 11000.0, "2024-11-05"),
        ("Volodymyr Zelensky", 12000.0, "2024-10-29"),
    ]
    assert question["range"] == {"low": 3000.0, "high": 12000.0}


def test_per_source_conservative_and_latest(filled):
    by_source = {source["source"]: source for source in nk_troops(filled)["sources"]}
    nis = by_source["National Intelligence Service"]
    assert (nis["estimates"], nis["conservative"], nis["latest"]) == (2, 3000.0, 10000.0)
    assert nis["latest_said_on"] == "2024-11-05"
    assert by_source["Volodymyr Zelensky"]["certainty"] == "possible"


def test_agreement_and_conflict_compare_latest_intervals(filled):
    question = nk_troops(filled)
    conflict = {frozenset(pair) for pair in question["conflict"]}
    agree = {frozenset(pair) for pair in question["agree"]}
    # 3,000 exactly against about 10,000: a conflict recorded, not averaged away.
    assert frozenset({"South Korea’s spy chief", "Pentagon"}) in conflict
    # "up to 12,000" allows "about 10,000".
    assert frozenset({"Volodymyr Zelensky", "Pentagon"}) in agree
    # The NIS's latest is "more than 10,000", which agrees with Ukraine's 11,000.
    assert frozenset({"National Intelligence Service", "Ukraine's military intelligence agency"}) in agree


def test_movement_follows_the_dates_said(filled):
    steps = nk_troops(filled)["movement"]
    assert [step["said_on"] for step in steps] == sorted(step["said_on"] for step in steps)
    assert steps[0] == {"said_on": "2024-10-21", "source": "South Korea’s spy chief", "value": 3000.0}
    assert steps[-1]["value"] == 10000.0


def test_rates_and_durations_ask_no_question(filled):
    titles = {q["title"] for q in figures(filled, limit=1000)}
    assert not any(title.endswith(("hours", "days")) for title in titles)
    # "one interpreter for every 30 North Korean soldiers" is a rate, not a troop count.
    assert all(e["value"] != 30 for e in nk_troops(filled)["estimates"])


def test_wire_copy_estimates_are_not_counted_twice(filled):
    copied = filled.rows(
        "SELECT DISTINCT f.question FROM figures f JOIN articles a ON a.id = f.article "
        "WHERE a.duplicate_of IS NOT NULL AND f.question IS NOT NULL"
    )
    assert copied, "the wire copy has figures with questions"
    for row in copied:
        question = filled.rows("SELECT * FROM questions WHERE id = ?", (row["question"],))[0]
        report = next(q for q in figures(filled, limit=1000) if q["id"] == question["id"])
        originals = filled.value(
            "SELECT COUNT(*) FROM figures f JOIN articles a ON a.id = f.article "
            "WHERE f.question = ? AND a.duplicate_of IS NULL",
            (question["id"],),
        )
        assert question["estimates"] == len(report["estimates"]) == originals
