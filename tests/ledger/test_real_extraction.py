"""The ledger over the real pipeline (slow: loads the spaCy model, in worker processes too)."""

from __future__ import annotations

import pytest

from claimledger.ledger import Ledger, figures, ingest
from tests.ledger.conftest import dump
from tests.ledger.recorded import ARTICLES


@pytest.mark.slow
def test_two_workers_store_exactly_what_one_stores(tmp_path):
    corpus = tmp_path / "three.jsonl"
    corpus.write_text(
        "".join(ARTICLES.read_text(encoding="utf-8").splitlines(keepends=True)[:3]), encoding="utf-8"
    )
    with Ledger(tmp_path / "one.db") as one, Ledger(tmp_path / "two.db") as two:
        assert ingest(one, [str(corpus)], workers=1)["ingested"] == 3
        assert ingest(two, [str(corpus)], workers=2)["ingested"] == 3
        assert dump(one) == dump(two)
        question = figures(one, about="North Korean troops")[0]
        assert question["title"] == "North Korea: troops in Russia"
        assert len({estimate["article"] for estimate in question["estimates"]}) == 2
