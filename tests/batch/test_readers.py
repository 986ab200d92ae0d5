"""Shards and their rows: each format cut at stable places and read back from there alone."""

from __future__ import annotations

import pytest

from claimledger.batch import readers
from claimledger.errors import ClaimLedgerError
from tests.batch.conftest import fixture_rows, page, write_jsonl, write_parquet, write_warc


def read_all(shards: list[readers.Shard], max_bytes: int = 10_000_000) -> list[dict]:
    return [row for shard in shards for row in readers.read(shard, max_bytes)]


def test_jsonl_shards_skip_blank_lines_and_name_bad_lines(tmp_path):
    rows = fixture_rows()[:4]
    path = write_jsonl(tmp_path / "c.jsonl", [rows[0], "", rows[1], "not json", rows[2], "[1]", rows[3]])
    shards = readers.plan([str(path)], shard_rows=2)
    assert [shard.rows for shard in shards] == [2, 2, 2]
    read = read_all(shards)
    assert [row.get("id") for row in read] == [
        rows[0]["id"],
        rows[1]["id"],
        None,
        rows[2]["id"],
        None,
        rows[3]["id"],
    ]
    assert read[2]["where"].endswith("c.jsonl:4") and "not valid JSON" in read[2]["error"]
    assert "found list" in read[4]["error"]
    assert read[0]["location"] == rows[0]["url"]


def test_shard_ids_are_stable_and_change_with_the_cut(tmp_path):
    path = str(write_jsonl(tmp_path / "c.jsonl", fixture_rows()))
    assert readers.plan([path], shard_rows=3) == readers.plan([path], shard_rows=3)
    assert {s.id for s in readers.plan([path], shard_rows=3)}.isdisjoint(
        s.id for s in readers.plan([path], 2)
    )


def test_an_overlong_line_is_a_bad_row_not_a_crash(tmp_path):
    short = {"id": "short", "text": "Officials said it rained."}
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": "long", "text": "x" * 500}, short])
    read = read_all(readers.plan([str(path)], max_bytes=200), max_bytes=200)
    assert "longer than the limit" in read[0]["error"] and read[1]["id"] == "short"


def test_parquet_shards_cross_row_groups_and_dates_become_iso(tmp_path):
    rows = fixture_rows()
    path = write_parquet(tmp_path / "c.parquet", rows, row_group_size=2)
    shards = readers.plan([str(path)], shard_rows=3)
    read = read_all(shards)
    assert [row["id"] for row in read] == [row["id"] for row in rows]
    assert read[0]["published"] == rows[0]["published"]
    assert read[4]["where"].endswith("c.parquet row 5")


def test_warc_pages_are_the_html_responses(tmp_path):
    pages = [
        (
            "https://example.org/a",
            "200 OK",
            "text/html; charset=utf-8",
            page("A", "Officials said it rained."),
        ),
        ("https://example.org/robots.txt", "200 OK", "text/plain", "User-agent: *"),
        ("https://example.org/gone", "404 Not Found", "text/html", "<html>gone</html>"),
        ("https://example.org/b", "200 OK", "text/html", page("B", "Police said it snowed.")),
    ]
    path = write_warc(tmp_path / "crawl.warc.gz", pages)
    shards = readers.plan([str(path)], shard_rows=1)
    read = read_all(shards)
    assert [row["url"] for row in read] == ["https://example.org/a", "https://example.org/b"]
    assert "Police said it snowed." in read[1]["html"] and read[1]["location"] == "https://example.org/b"


def test_unknown_or_missing_inputs_are_clear_errors(tmp_path):
    with pytest.raises(ClaimLedgerError, match="end in .jsonl, .parquet or .warc"):
        readers.plan([str(tmp_path / "notes.txt")])
    with pytest.raises(ClaimLedgerError, match="no such file"):
        readers.plan([str(tmp_path / "missing.jsonl")])
