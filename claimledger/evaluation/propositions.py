"""Claim grouping against hand-labelled pairs: is this pair of claims one proposition or not?

Each line of a pairs file (tests/data/grouping/pairs.jsonl) holds two claims as grouping sees
them (the text embedded; the entities, subject, places and dates it names), a label (1: the same
proposition, stated, hedged or denied; 0: not) and where the pair was drawn from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from claimledger.evaluation.metrics import Tally
from claimledger.ledger.grouping import Embedder, same_proposition


def read_pairs(path: str | Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def score_pairs(pairs: list[dict], embedder: Embedder, thresholds: Iterable[float]) -> list[dict]:
    """Precision, recall and F1 (percent) of the grouping decision at each similarity threshold."""
    first = embedder.embed([pair["a"]["text"] for pair in pairs])
    second = embedder.embed([pair["b"]["text"] for pair in pairs])
    similarities = (first * second).sum(axis=1).tolist()
    rows = []
    for threshold in thresholds:
        tally = Tally()
        for pair, similarity in zip(pairs, similarities, strict=True):
            grouped = same_proposition(similarity, pair["a"]["features"], pair["b"]["features"], threshold)
            gold = pair["label"] == 1
            tally.add_matches(int(grouped and gold), int(grouped), int(gold))
        rows.append(
            {
                "threshold": round(float(threshold), 3),
                "precision": round(tally.precision, 1),
                "recall": round(tally.recall, 1),
                "f1": round(tally.f1, 1),
            }
        )
    return rows
