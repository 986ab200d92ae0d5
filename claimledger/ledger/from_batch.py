"""Loading a `claimledger batch` result into the ledger, as ingest would have stored it.

Each articles row carries its record (less the text, which is its own column), so the ledger's
writer replays it: the same content-hash ids, entity resolution against what the ledger knows,
near-duplicate detection, and nothing written twice when the same result is loaded again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from claimledger.errors import ClaimLedgerError
from claimledger.ledger.ingest import Progress, Summary
from claimledger.ledger.reconcile import reconcile
from claimledger.ledger.store import Ledger
from claimledger.ledger.write import write_record

READ_ROWS = 256  # articles read from Parquet at a time: a batch file's shard may be large


def ingest_batch(
    ledger: Ledger, directory: str | Path, *, store_text: bool = True, progress: Progress | None = None
) -> dict:
    """Store every article of the batch result in `directory`, then reconcile the figures; returns
    {"ingested", "unchanged", "duplicates", "failed"} like ingest."""
    articles = Path(directory) / "articles"
    files = sorted(articles.glob("*.parquet"))
    if not files:
        raise ClaimLedgerError(
            f"{directory}: no batch result here (no articles/*.parquet); "
            "give the --out folder of a 'claimledger batch' run"
        )
    summary = Summary()
    for file in files:
        parquet = pq.ParquetFile(file)
        for rows in parquet.iter_batches(READ_ROWS, columns=["text", "location", "record"]):
            for row in rows.to_pylist():
                record = json.loads(row["record"])
                record["article"]["text"] = row["text"]
                written = write_record(ledger, record, location=row["location"], store_text=store_text)
                setattr(summary, written.status, getattr(summary, written.status) + 1)
                summary.duplicates += written.duplicate_of is not None
                if progress:
                    progress(written.status, row["location"] or record["article"]["id"])
    reconcile(ledger)
    return summary.as_dict()
