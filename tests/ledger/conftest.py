"""Ledger fixtures: the recorded extractor (no model needed) and ledgers filled from the fixture."""

from __future__ import annotations

import pytest

from claimledger.ledger import Ledger, ingest
from tests.ledger.recorded import ARTICLES, RecordedExtractor

# Columns that say when something happened, which a rerun rightly changes.
CLOCK_COLUMNS = {"extracted", "ingested", "seen", "applied"}


@pytest.fixture(scope="session")
def recorded() -> RecordedExtractor:
    return RecordedExtractor()


@pytest.fixture
def ledger(tmp_path):
    with Ledger(tmp_path / "ledger.db") as opened:
        yield opened


@pytest.fixture
def filled(ledger, recorded):
    """A ledger holding the fixture's seven articles."""
    ingest(ledger, [str(ARTICLES)], extractor=recorded)
    return ledger


def dump(ledger: Ledger) -> dict[str, list[tuple]]:
    """Every row of every table, clock columns left out, in a stable order: two ledgers with the
    same dump hold the same data."""
    tables = [
        row["name"]
        for row in ledger.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%'"
        )
        if not row["name"].startswith(("sqlite_", "articles_fts", "attributions_fts"))
    ]
    result = {}
    for table in tables:
        columns = [
            f'"{column["name"]}"'
            for column in ledger.rows(f"PRAGMA table_info({table})")
            if column["name"] not in CLOCK_COLUMNS
        ]
        rows = ledger.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        result[table] = sorted((tuple(row) for row in rows), key=repr)
    return result
