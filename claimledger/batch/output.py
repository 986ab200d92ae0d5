"""A batch result on disk: one Parquet dataset per table, one file per shard, and a marker per
finished shard, so a rerun skips what is done and redoes what a dead worker left half-written.

    OUT/articles/SHARD.parquet  ... OUT/times/SHARD.parquet
    OUT/_shards/SHARD.json      written last: the shard is finished, with its counts and failures

Each file is written under a hidden temporary name and renamed, so a reader of the datasets
(pyarrow, DuckDB, Spark: they skip names starting with "." and "_") never sees half a file.
Column types come from the ledger's own schema, so the tables load into it as they are.
"""

from __future__ import annotations

import json
import os
import sqlite3
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from claimledger.batch.core import TABLES, Output
from claimledger.ledger.schema import MIGRATIONS

MARKERS = "_shards"
# Columns a batch row lacks because only a ledger knows them, and those it adds.
LEDGER_ONLY = {
    "articles": {"previous_version", "duplicate_of", "similarity", "ingested"},
    "figures": {"question"},
}
BATCH_ONLY = {"articles": [("location", "TEXT"), ("record", "TEXT")], "entities": [("article", "TEXT")]}
TYPES = {"TEXT": pa.string(), "INTEGER": pa.int64(), "REAL": pa.float64()}


@cache
def schema(table: str) -> pa.Schema:
    """The table's columns as the ledger declares them, less the ledger's own, plus the batch's."""
    db = sqlite3.connect(":memory:")
    for _, sql in MIGRATIONS:
        db.executescript(sql)
    declared = [(column[1], column[2]) for column in db.execute(f"PRAGMA table_info({table})")]
    db.close()
    columns = [(name, kind) for name, kind in declared if name not in LEDGER_ONLY.get(table, ())]
    return pa.schema([(name, TYPES[kind]) for name, kind in columns + BATCH_ONLY.get(table, [])])


def finished(out: str | Path) -> set[str]:
    """Ids of the shards whose every table is written."""
    markers = Path(out) / MARKERS
    return {path.stem for path in markers.glob("*.json")} if markers.is_dir() else set()


def write_shard(out: str | Path, shard: str, output: Output, report: dict) -> None:
    """The shard's tables, then its marker holding `report` (counts, failures, worker memory)."""
    for table in TABLES:
        rows = pa.Table.from_pylist(output.tables[table], schema=schema(table))
        atomic(Path(out) / table / f"{shard}.parquet", lambda path, rows=rows: pq.write_table(rows, path))
    atomic(Path(out) / MARKERS / f"{shard}.json", lambda path: Path(path).write_text(json.dumps(report)))


def atomic(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write(str(temporary))
    os.replace(temporary, path)


def reports(out: str | Path) -> list[dict]:
    """Every finished shard's report."""
    return [json.loads(path.read_text()) for path in sorted((Path(out) / MARKERS).glob("*.json"))]
