"""The arithmetic every dataset shares: tallies behind precision/recall/F1, tokens, matching."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

# As in BBC Citron's overlap metric: a run of word characters, or one punctuation mark.
TOKEN = re.compile(r"\w+|[^\w\s]")
WORD = re.compile(r"\w+")


@dataclass
class Tally:
    """The counts behind one precision/recall/F1 row. Precision and recall keep their own hits
    because under token overlap the predicted tokens inside gold spans and the gold tokens a
    prediction covers are different counts."""

    pred_hits: int = 0
    predicted: int = 0
    gold_hits: int = 0
    gold: int = 0

    def add(self, pred_hits: int, predicted: int, gold_hits: int, gold: int) -> None:
        self.pred_hits += pred_hits
        self.predicted += predicted
        self.gold_hits += gold_hits
        self.gold += gold

    def add_matches(self, matches: int, predicted: int, gold: int) -> None:
        """A one-to-one matching: one count of hits serves both sides."""
        self.add(matches, predicted, matches, gold)

    @property
    def precision(self) -> float:
        return percent(self.pred_hits, self.predicted)

    @property
    def recall(self) -> float:
        return percent(self.gold_hits, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def percent(part: float, whole: float) -> float:
    """0 when there is nothing to divide by: no predictions means precision 0, by convention."""
    return 100.0 * part / whole if whole else 0.0


class Tokens:
    """The tokens of one text, to ask which of them a character span touches."""

    def __init__(self, text: str, pattern: re.Pattern = TOKEN):
        spans = [m.span() for m in pattern.finditer(text)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def covering(self, start: int, end: int) -> set[int]:
        """Indices of the tokens that share at least one character with [start, end)."""
        i = bisect_right(self.ends, start)
        found = set()
        while i < len(self.starts) and self.starts[i] < end:
            found.add(i)
            i += 1
        return found

    def covering_all(self, spans: Iterable[tuple[int, int]]) -> set[int]:
        return set().union(*(self.covering(start, end) for start, end in spans))


def span_of(item: dict | None) -> tuple[int, int] | None:
    """The (start, end) of a record's span object; None for none, one without offsets (a source
    named only by its entity) or an empty one."""
    if item is None or item.get("start") is None or item["start"] >= item["end"]:
        return None
    return item["start"], item["end"]


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def greedy_pairs(candidates: Iterable[tuple[tuple, int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold, predicted) pairs from (rank, gold index, predicted index) candidates,
    taken best rank first (lowest sorts first); a side already paired is skipped."""
    gold_used: set[int] = set()
    pred_used: set[int] = set()
    pairs = []
    for _, g, p in sorted(candidates):
        if g not in gold_used and p not in pred_used:
            gold_used.add(g)
            pred_used.add(p)
            pairs.append((g, p))
    return pairs
