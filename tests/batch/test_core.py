"""The core step and the shard files: ledger rows per table, bad rows named, columns the ledger's."""

from __future__ import annotations

import json
import sqlite3

import pyarrow.parquet as pq

from claimledger.batch import output
from claimledger.batch.core import TABLES, process
from claimledger.ledger.schema import MIGRATIONS
from tests.batch.conftest import fixture_rows

EXTRACTED = "2026-01-01T00:00:00+00:00"


def ledger_columns(table: str) -> set[str]:
    db = sqlite3.connect(":memory:")
    for _, sql in MIGRATIONS:
        db.executescript(sql)
    return {column[1] for column in db.execute(f"PRAGMA table_info({table})")}


def test_rows_of_every_article_and_the_bad_rows_named(recorded):
    rows = fixture_rows()[:3]
    bad = [
        {"id": "no-text", "title": "Nothing", "where": "c.jsonl:4"},
        {"where": "c.jsonl:5", "error": "not valid JSON (Expecting value at column 1)"},
        {"id": "unknown", "text": "A text the recorded extractor never saw.", "where": "c.jsonl:6"},
    ]
    result = process(recorded, [*rows, *bad], EXTRACTED)
    assert [row["external_id"] for row in result.tables["articles"]] == [row["id"] for row in rows]
    assert [(f["id"], f["where"]) for f in result.failed] == [
        ("no-text", "c.jsonl:4"),
        (None, "c.jsonl:5"),
        ("unknown", "c.jsonl:6"),
    ]
    assert 'neither "text" nor "html"' in result.failed[0]["reason"]
    assert result.failed[2]["reason"].startswith("extraction failed: KeyError")
    assert all(row["extracted"] == EXTRACTED for row in result.tables["articles"])
    article_ids = {row["id"] for row in result.tables["articles"]}
    for table in ("entities", "attributions", "figures", "times"):
        assert result.tables[table] and {row["article"] for row in result.tables[table]} == article_ids


def test_the_record_column_replays_the_record(recorded):
    row = fixture_rows()[0]
    result = process(recorded, [row], EXTRACTED)
    article = result.tables["articles"][0]
    record = json.loads(article["record"])
    assert record["article"]["text"] is None and article["text"] == row["text"]
    assert record["external_id"] == row["id"] and record["provenance"]["extracted"] == EXTRACTED
    assert len(record["attributions"]) == sum(1 for _ in result.tables["attributions"])


def test_batch_columns_are_the_ledgers_and_every_built_column_is_kept(recorded):
    result = process(recorded, fixture_rows(), EXTRACTED)
    for table in TABLES:
        names = set(output.schema(table).names)
        extra = {name for name, _ in output.BATCH_ONLY.get(table, [])}
        assert names - extra <= ledger_columns(table), table
        assert ledger_columns(table) - names <= output.LEDGER_ONLY.get(table, set()), table
        built = {key for row in result.tables[table] for key in row}
        assert built <= names, f"{table}: {built - names} would be dropped"


def test_a_shard_is_written_whole_then_marked(tmp_path, recorded):
    result = process(recorded, fixture_rows()[:2], EXTRACTED)
    output.write_shard(tmp_path, "s1", result, {"shard": "s1", "articles": 2})
    assert output.finished(tmp_path) == {"s1"}
    for table in TABLES:
        assert pq.read_table(tmp_path / table).num_rows == len(result.tables[table])
    empty = process(recorded, [], EXTRACTED)
    output.write_shard(tmp_path, "s2", empty, {"shard": "s2", "articles": 0})
    assert pq.read_table(tmp_path / "figures" / "s2.parquet").schema == output.schema("figures")
    assert not list(tmp_path.rglob(".*.tmp"))
    assert [report["shard"] for report in output.reports(tmp_path)] == ["s1", "s2"]
