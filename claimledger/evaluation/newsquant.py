"""Quantity accuracy on NewsQuant (Almasian et al., EMNLP 2023, the CQE paper).

The file is a JSON list of sentences {"text", "quantities": [{"value", "change", "unit",
"normalized_unit", ...}]}; each sentence is one article. Values follow CQE's own evaluation:
"10-20" is a range (unless it holds an exponent "E" or starts with "-"), ranges compare as
(min, max), and numbers are equal within a relative 1e-5 of the prediction.

Metrics (per sentence, each gold quantity in file order takes the first unused figure that
passes; P = matches / figures, R = matches / gold quantities; each metric matches on its own):
  value         the values are equal
  value_change  and so are the changes, a figure's being "range" (low and high differ), "~"
                (approximate), ">" (only a low bound), "<" (only a high bound), else "="; gold
                "up" and "down" are "="
  value_unit    and the units agree: the same in canonical spelling (vocab.evaluation), or the
                predicted one's canonical spelling and a gold one contain each other as whole
                words; gold "-" wants no unit
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from claimledger.errors import ClaimLedgerError
from claimledger.evaluation.metrics import Tally
from claimledger.evaluation.report import Progress, Report, predict
from claimledger.extraction import Extractor
from claimledger.record import ArticleMeta
from claimledger.vocab.evaluation import UNIT_SPELLINGS

Value = float | tuple[float, float]

CANONICAL_UNIT = {spelling: unit for unit, spellings in UNIT_SPELLINGS.items() for spelling in spellings}


@dataclass
class Quantity:
    value: Value
    change: str  # = ~ > < range
    units: set[str]  # lower-cased unit and normalized unit; empty when there is none


@dataclass
class Sentence:
    id: str
    text: str
    quantities: list[Quantity]


def evaluate_newsquant(path: str | Path, extractor: Extractor, progress: Progress | None = None) -> Report:
    """Run the extractor over every sentence of a NewsQuant file and score its figures."""
    sentences = load_sentences(path)
    articles = [(s.text, ArticleMeta(id=s.id)) for s in sentences]
    return score_newsquant(sentences, predict(extractor, articles, progress))


def load_sentences(path: str | Path) -> list[Sentence]:
    """Sentences with ids "0", "1", ... by position in the file."""
    try:
        items = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ClaimLedgerError(f"cannot read NewsQuant file {path}: {error}") from None
    if not isinstance(items, list):
        raise ClaimLedgerError(f"{path} is not a NewsQuant file: expected a JSON list of sentences")
    return [
        Sentence(str(i), item["text"], [gold_quantity(q) for q in item.get("quantities") or []])
        for i, item in enumerate(items)
    ]


def gold_quantity(raw: dict) -> Quantity:
    text = str(raw["value"])
    if "-" in text and "E" not in text and not text.startswith("-"):
        low, high = map(float, text.split("-")[:2])
        value: Value = (min(low, high), max(low, high))
        change = "range"
    else:
        value = float(text)
        change = raw.get("change", "=").strip()
        change = "=" if change in ("up", "down") else change
    units = {str(raw.get(key) or "").strip().lower() for key in ("unit", "normalized_unit")}
    return Quantity(value, change, units - {"", "-"})


@dataclass
class Figure:
    value: Value | None
    change: str
    unit: str  # lower-cased, "" when none


def figure_of(item: dict) -> Figure:
    """A record's figure as NewsQuant states a quantity: a range when both bounds are set and
    differ, else one number; approximation ranks before a bound ("nearly 70" is "~")."""
    value, low, high = item["value"], item["low"], item["high"]
    if low is not None and high is not None and low != high:
        return Figure((min(low, high), max(low, high)), "range", unit_of(item))
    if item["approximate"]:
        change = "~"
    elif low is not None and high is None:
        change = ">"
    elif high is not None and low is None:
        change = "<"
    else:
        change = "="
    number = next((v for v in (value, low, high) if v is not None), None)
    return Figure(number, change, unit_of(item))


def unit_of(item: dict) -> str:
    unit = (item["unit"] or "").strip().lower()
    return "" if unit == "-" else unit


def close(gold: float, predicted: float) -> bool:
    return math.isclose(gold, predicted, rel_tol=0, abs_tol=1e-8 + 1e-5 * abs(predicted))


def same_value(q: Quantity, f: Figure) -> bool:
    if f.value is None or isinstance(q.value, tuple) != isinstance(f.value, tuple):
        return False
    if isinstance(q.value, tuple):
        return close(q.value[0], f.value[0]) and close(q.value[1], f.value[1])
    return close(q.value, f.value)


def same_unit(q: Quantity, f: Figure) -> bool:
    if not q.units or not f.unit:
        return not q.units and not f.unit
    predicted = canonical_unit(f.unit)
    return any(
        predicted == canonical_unit(unit) or holds_words(predicted, unit) or holds_words(unit, predicted)
        for unit in q.units
    )


def canonical_unit(unit: str) -> str:
    return CANONICAL_UNIT.get(unit, unit)


def holds_words(longer: str, shorter: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(shorter)}(?!\w)", longer) is not None


CRITERIA: dict[str, Callable[[Quantity, Figure], bool]] = {
    "value": same_value,
    "value_change": lambda q, f: same_value(q, f) and q.change == f.change,
    "value_unit": lambda q, f: same_value(q, f) and same_unit(q, f),
}


def score_newsquant(sentences: list[Sentence], records: Iterable[dict]) -> Report:
    """Score records (in the order of `sentences`) against the gold quantities."""
    report = Report("newsquant", {name: Tally() for name in CRITERIA})
    counts = report.counts = dict.fromkeys(("sentences", "gold", "predicted"), 0)
    for sentence, record in zip(sentences, records, strict=True):
        figures = [figure_of(item) for item in record["figures"]]
        for name, agrees in CRITERIA.items():
            matches = first_fit(sentence.quantities, figures, agrees)
            report.tallies[name].add_matches(matches, len(figures), len(sentence.quantities))
        counts["sentences"] += 1
        counts["gold"] += len(sentence.quantities)
        counts["predicted"] += len(figures)
    return report


def first_fit(gold: list[Quantity], figures: list[Figure], agrees: Callable[[Quantity, Figure], bool]) -> int:
    """How many gold quantities find a figure, each taking the first unused one that agrees."""
    unused = list(range(len(figures)))
    for q in gold:
        taken = next((i for i in unused if agrees(q, figures[i])), None)
        if taken is not None:
            unused.remove(taken)
    return len(figures) - len(unused)
