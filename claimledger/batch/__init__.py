"""Batch runs: millions of articles from JSON Lines, Parquet or WARC into Parquet datasets with the
ledger's tables, on worker processes here (`local`) or on a Ray cluster (`ray`).

    summary = batch(["crawl.warc.gz"], "out/", engine="ray", workers=64)
"""

from __future__ import annotations

from claimledger.batch.job import ENGINES, Summary, batch

__all__ = ["ENGINES", "Summary", "batch"]
