"""NewsQuant scoring on a three-sentence file (tests/data/evaluation/newsquant.json)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.evaluation.newsquant import (
    Figure,
    Quantity,
    figure_of,
    load_sentences,
    same_unit,
    score_newsquant,
)

DATA = Path(__file__).parent.parent / "data" / "evaluation" / "newsquant.json"


@pytest.fixture(scope="module")
def sentences():
    return load_sentences(DATA)


def figure(value=None, low=None, high=None, approximate=False, unit=None) -> dict:
    return {"value": value, "low": low, "high": high, "approximate": approximate, "unit": unit}


def test_gold_values_changes_and_units(sentences):
    rose, attended, tickets = sentences
    assert [(q.value, q.change) for q in rose.quantities] == [(5.0, "="), (20e6, "=")]  # "up" is "="
    assert (attended.quantities[0].change, attended.quantities[0].units) == ("~", {"people", "person"})
    assert (tickets.quantities[0].value, tickets.quantities[0].change) == ((10.0, 20.0), "range")
    assert [s.id for s in sentences] == ["0", "1", "2"]


def test_perfect_and_empty(sentences):
    perfect = [
        {"figures": [figure(5, unit="percent"), figure(20e6, unit="dollar")]},
        {"figures": [figure(300, approximate=True, unit="people")]},
        {"figures": [figure(low=10, high=20, unit="euro")]},
    ]
    assert set(score_newsquant(sentences, perfect).metrics().values()) == {100.0}
    empty = score_newsquant(sentences, [{"figures": []}] * 3)
    assert set(empty.metrics().values()) == {0.0}
    assert empty.counts == {"sentences": 3, "gold": 4, "predicted": 0}


def test_partial_case(sentences):
    records = [
        {"figures": [figure(5, unit="%"), figure(20_000_000.0001, unit="$")]},
        {"figures": [figure(300, unit="attendee")]},  # not approximate, other unit
        {"figures": [figure(low=10, high=20, unit="euro"), figure(3)]},  # and one spurious figure
    ]
    metrics = score_newsquant(sentences, records).metrics()
    assert (metrics["value_p"], metrics["value_r"]) == (80.0, 100.0)
    assert (metrics["value_change_p"], metrics["value_change_r"]) == (60.0, 75.0)
    assert metrics["value_unit_f1"] == pytest.approx(2 * 60 * 75 / 135)


@pytest.mark.parametrize(
    "item, change",
    [
        (figure(300, low=300), ">"),
        (figure(300, high=300), "<"),
        (figure(300), "="),
        (figure(300, high=300, approximate=True), "~"),  # "nearly 300" is approximate first
        (figure(None, low=10, high=20), "range"),
    ],
)
def test_a_figure_states_its_change(item, change):
    assert figure_of(item).change == change


@pytest.mark.parametrize(
    "gold, predicted, same",
    [
        ({"percentage"}, "percent", True),
        ({"troop"}, "north korean troop", True),
        ({"dollar"}, "usd", True),
        ({"australian dollar per month"}, "dollar", False),
        ({"metre per second"}, "metre", False),
        (set(), "", True),
        (set(), "troop", False),
    ],
)
def test_units(gold, predicted, same):
    assert same_unit(Quantity(1.0, "=", gold), Figure(1.0, "=", predicted)) is same
