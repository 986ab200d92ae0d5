"""What a ledger holds, for comparing one before and after a fault or a bad input."""

from __future__ import annotations

from pathlib import Path

from claimledger.ledger import Ledger
from tests.ledger.conftest import dump

# Claim grouping's tables are left out: they are derived from the claims by a step of their own,
# which groups whatever is pending whenever it runs (see docs/reliability.md).
GROUPING_TABLES = ("attribution_vectors", "propositions", "proposition_members", "proposition_keys")


def stored(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table as tests/ledger's dump has them (clock columns aside), grouping aside."""
    with Ledger(path) as ledger:
        return {table: rows for table, rows in dump(ledger).items() if table not in GROUPING_TABLES}
