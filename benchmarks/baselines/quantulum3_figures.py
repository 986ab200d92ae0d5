"""Baseline for figures: quantulum3's `parser.parse(text)`.

quantulum3 gives each quantity a surface span, a value, an uncertainty and a unit. One figure
per quantity: a range ("10-20 km", "between 100 and 200") comes back as its middle with an
uncertainty of half its width, which the adapter turns back into `low`/`high`; other quantities
are a `value`. The unit is quantulum3's unit name ("dollar", "percentage", "kilometre": the names
NewsQuant's normalized units were made from), none for "dimensionless".

Lossy by design of the tool: it has no notion of approximation ("about 40%") nor of bounds
("more than 50"), so every figure that is not a range has the change "="; and it reads
every number, years and ordinals included. Its unit disambiguator is a scikit-learn model
that has to be trained with the installed scikit-learn (`quantulum3-training --store`, see
README.md): the one in the wheel does not load with scikit-learn 1.9.

    python quantulum3_figures.py INPUT.jsonl PRED.jsonl
"""

from __future__ import annotations

from quantulum3 import parser
from quantulum3.classes import Quantity
from records import parse_args, run, span


def figure(text: str, q: Quantity, number: int) -> dict:
    start, end = max(q.span[0], 0), min(max(q.span[1], 0), len(text))  # a range's span can start at -1
    unit = None if q.unit.name == "dimensionless" else q.unit.name
    low = high = None
    value: float | None = float(q.value)
    if q.uncertainty:
        low, high, value = value - q.uncertainty, value + q.uncertainty, None
    return {
        "id": f"f{number}",
        **span(text, start, end),
        "value": value,
        "low": low,
        "high": high,
        "approximate": False,
        "unit": unit,
        "counted": None,
        "entity": None,
        "attribution": None,
    }


def main() -> None:
    args, out = parse_args(__doc__)

    def figures(item: dict) -> list[dict]:
        return [figure(item["text"], q, i) for i, q in enumerate(parser.parse(item["text"]), 1)]

    run(args.input, out, "quantulum3 parser.parse", "figures", figures, {})


if __name__ == "__main__":
    main()
