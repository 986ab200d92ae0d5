"""The figures chart's geometry (claimledger/web/chart.py), from hand-made question reports."""

from __future__ import annotations

import pytest

from claimledger.web.chart import HEIGHT, TOP, chart, nice_ceiling


def estimate(
    source: str, said_on: str | None, value: float | None, interval: list, low: float | None = None
) -> dict:
    return {
        "source": source,
        "said_on": said_on,
        "value": value,
        "low": low,
        "high": None,
        "interval": interval,
        "text": f"{value}",
    }


def question(estimates: list[dict], conflict: list) -> dict:
    names = list(dict.fromkeys(e["source"] for e in estimates))
    return {"estimates": estimates, "sources": [{"source": name} for name in names], "conflict": conflict}


def test_points_ranges_open_ends_and_conflicts():
    drawn = chart(
        question(
            [
                estimate("Pentagon", "2024-10-29", 10000, [9000, 11000]),
                estimate("Seoul", "2024-11-05", None, [10000, None], low=10000),
                estimate("Kyiv", None, 12000, [0, 12000]),
            ],
            conflict=[["Pentagon", "Kyiv"]],
        )
    )
    assert len(drawn["points"]) == 2  # the undated estimate is in the table, not on the time axis
    pentagon, seoul = drawn["points"]
    assert pentagon["x"] < seoul["x"] and pentagon["y_high"] < pentagon["y"] < pentagon["y_low"]
    assert seoul["open"] and seoul["y_high"] == TOP and not pentagon["open"]
    assert pentagon["conflict"] and not seoul["conflict"]
    assert pentagon["colour"] != seoul["colour"]
    assert [tick["label"] for tick in drawn["y_ticks"]] == ["0", "3,000", "6,000", "9,000", "12,000"]
    assert drawn["y_ticks"][0]["y"] == HEIGHT - 40


def test_no_dated_estimates_draws_nothing():
    assert chart(question([estimate("Kyiv", None, 5, [5, 5])], []))["points"] == []


@pytest.mark.parametrize(("value", "ceiling"), [(2.1, 3), (12600, 16000), (0.5, 0.5), (99, 100), (0, 1.0)])
def test_nice_ceiling(value, ceiling):
    assert nice_ceiling(value) == pytest.approx(ceiling)
