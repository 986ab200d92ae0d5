"""The ledger: many articles in one store, reconciled and queried across sources.

with Ledger("ledger.db") as ledger:
    ingest(ledger, ["articles/", "https://example.org/feed.xml"], workers=4)
    figures(ledger, about="North Korean troops")
    propositions(ledger, contested=True)
"""

from __future__ import annotations

from claimledger.ledger.export import export
from claimledger.ledger.grouping import group_pending, propositions
from claimledger.ledger.ingest import ingest
from claimledger.ledger.queries import claims, estimates, figures, search, sources, timeline
from claimledger.ledger.reconcile import reconcile
from claimledger.ledger.store import Ledger

__all__ = [
    "Ledger",
    "claims",
    "estimates",
    "export",
    "figures",
    "group_pending",
    "ingest",
    "propositions",
    "reconcile",
    "search",
    "sources",
    "timeline",
]
