"""A question's estimates over time as chart geometry, for an SVG drawn on the server (no script).

Each dated estimate is a dot at (date, reported number) in its source's colour, and the interval
it allows ('up to 12,000', 'about 10,000') a vertical bar; an open interval ('more than 100')
runs to the top edge with an arrow. Sources in conflict (intervals that do not overlap) are
flagged so the template can mark them.
"""

from __future__ import annotations

import datetime as dt
import math

from claimledger.ledger.reconcile import point

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 40
# Colour-blind safe (Okabe-Ito), one per source in order of appearance.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


def chart(question: dict) -> dict:
    """Geometry of one question's chart; `points` is empty when no estimate is dated."""
    dated = [e for e in question["estimates"] if e["said_on"]]
    colours = {source["source"]: PALETTE[n % len(PALETTE)] for n, source in enumerate(question["sources"])}
    in_conflict = {name for pair in question["conflict"] for name in pair}
    base = {
        "width": WIDTH,
        "height": HEIGHT,
        "legend": [{"source": s, "colour": c} for s, c in colours.items()],
    }
    if not dated:
        return base | {"points": [], "x_ticks": [], "y_ticks": []}
    days = [dt.date.fromisoformat(e["said_on"][:10]).toordinal() for e in dated]
    first, last = min(days), max(days)
    tops = [e["interval"][1] if e["interval"][1] is not None else point(e) for e in dated]
    highest = nice_ceiling(max([*tops, *(point(e) for e in dated)]) * 1.05)

    def x(day: int) -> float:
        span = last - first
        return round(LEFT + (WIDTH - LEFT - RIGHT) * ((day - first) / span if span else 0.5), 1)

    def y(value: float) -> float:
        return round(HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * min(value, highest) / highest, 1)

    points = []
    for estimate, day in zip(dated, days, strict=True):
        low, high = estimate["interval"]
        points.append(
            {
                "x": x(day),
                "y": y(point(estimate)),
                "y_low": y(low),
                "y_high": y(high) if high is not None else TOP,
                "open": high is None,
                "colour": colours[estimate["source"]],
                "source": estimate["source"],
                "conflict": estimate["source"] in in_conflict,
                "label": f"{estimate['source']}, {estimate['said_on']}: {estimate['text']}",
            }
        )
    y_ticks = [{"y": y(highest * n / 4), "label": f"{highest * n / 4:,.6g}"} for n in range(5)]
    x_ticks = [
        {"x": x(day), "label": dt.date.fromordinal(day).isoformat(), "anchor": anchor}
        for day, anchor in ((first, "start"), (last, "end"))
    ]
    if first == last:
        x_ticks = [x_ticks[0] | {"anchor": "middle"}]
    return base | {"points": points, "x_ticks": x_ticks, "y_ticks": y_ticks}


def nice_ceiling(value: float) -> float:
    """The smallest round number at least `value` whose quarters are round too (1, 1.2, 1.6, 2, 3,
    4, 5, 6 or 8 times a power of ten): ticks read 0, 4,000, 8,000... rather than 0, 3,300, 6,600."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 1.2, 1.6, 2, 3, 4, 5, 6, 8, 10) if step * magnitude >= value)
