"""Batch inputs cut into shards that workers read on their own: JSON Lines, Parquet and WARC.

The driver only scans the inputs for where each shard starts (a byte offset, a row number); the
worker that gets a shard seeks there and reads its rows, so article text never passes through
the driver. A shard's id depends on its file and place alone, so a rerun finds the same shards.
Rows are plain dicts in the corpus line format ("id", "text" or "html", "title", "url",
"outlet", "published"), plus "where" (for messages), "location" (for the ledger) and, for a row
that could not be read at all, "error".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import pyarrow.parquet as pq
from trafilatura.utils import decode_file
from warcio.archiveiterator import ArchiveIterator

from claimledger.errors import ClaimLedgerError
from claimledger.inputs import DEFAULT_MAX_BYTES, capped_lines

SHARD_ROWS = 64  # articles per shard: a few minutes of one core, little lost when a worker dies
FORMATS = ("jsonl", "parquet", "warc")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".warc": "warc"}
COLUMNS = ("id", "text", "html", "title", "url", "outlet", "published")


@dataclass(frozen=True)
class Shard:
    """`rows` input rows of `path`, from byte offset (JSON Lines, WARC) or row (Parquet) `start`;
    `first` is the line, row or record number of the first, for messages."""

    id: str
    path: str
    format: str
    start: int
    rows: int
    first: int


def input_format(path: str) -> str:
    name = Path(path).name.lower().removesuffix(".gz")
    found = SUFFIXES.get(Path(name).suffix)
    if found is None:
        raise ClaimLedgerError(
            f"{path}: cannot tell the format from its name; "
            "batch inputs end in .jsonl, .parquet or .warc (.warc.gz)"
        )
    if not Path(path).is_file():
        raise ClaimLedgerError(f"{path}: no such file")
    return found


def plan(paths: list[str], shard_rows: int = SHARD_ROWS, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Shard]:
    """Every input's shards, in input order."""
    shards = []
    for path in paths:
        kind = input_format(path)
        starts = {"jsonl": jsonl_starts, "parquet": parquet_starts, "warc": warc_starts}[kind]
        shards += cut(path, kind, starts(path, max_bytes), shard_rows)
    return shards


def cut(path: str, kind: str, starts: Iterator[tuple[int, int]], shard_rows: int) -> list[Shard]:
    """Shards of `shard_rows` rows from each row's (start, number)."""
    resolved = str(Path(path).resolve())
    shards, current = [], []
    for start in chain(starts, [None]):  # streamed: a corpus may have more lines than fit in memory
        if current and (start is None or len(current) == shard_rows):
            (offset, first), rows = current[0], len(current)
            digest = hashlib.sha256(f"{resolved}\x1f{offset}\x1f{rows}".encode()).hexdigest()[:12]
            shards.append(
                Shard(f"{Path(path).name}-{len(shards):05d}-{digest}", resolved, kind, offset, rows, first)
            )
            current = []
        if start is not None:
            current.append(start)
    return shards


def jsonl_starts(path: str, max_bytes: int) -> Iterator[tuple[int, int]]:
    with open(path, "rb") as stream:
        offset = 0
        for number, line in enumerate(capped_lines(stream, max_bytes), start=1):
            if line is None or line.strip():
                yield offset, number
            offset = stream.tell()


def parquet_starts(path: str, max_bytes: int) -> Iterator[tuple[int, int]]:
    for row in range(pq.ParquetFile(path).metadata.num_rows):
        yield row, row + 1


def warc_starts(path: str, max_bytes: int) -> Iterator[tuple[int, int]]:
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        for number, record in enumerate(records, start=1):
            if is_page(record):
                yield records.get_record_offset(), number


def is_page(record) -> bool:
    """An HTML page the crawler got: what a news crawl's articles are among robots.txt and redirects."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return record.http_headers.get_statuscode() == "200" and "html" in content_type.lower()


def read(shard: Shard, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[dict]:
    """The shard's rows."""
    readers = {"jsonl": read_jsonl, "parquet": read_parquet, "warc": read_warc}
    yield from readers[shard.format](shard, max_bytes)


def read_jsonl(shard: Shard, max_bytes: int) -> Iterator[dict]:
    with open(shard.path, "rb") as stream:
        stream.seek(shard.start)
        lines = enumerate(capped_lines(stream, max_bytes), start=shard.first)
        taken = 0
        for number, line in lines:
            if taken == shard.rows:
                return
            if line is not None and not line.strip():
                continue
            taken += 1
            where = f"{shard.path}:{number}"
            if line is None:
                yield {"where": where, "error": f"longer than the limit of {max_bytes:,} bytes"}
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield {"where": where, "error": f"not valid JSON ({error.msg} at column {error.colno})"}
                continue
            except UnicodeDecodeError as error:
                yield {"where": where, "error": f"not UTF-8: byte offset {error.start} of the line"}
                continue
            if not isinstance(row, dict):
                yield {"where": where, "error": f"expected a JSON object, found {type(row).__name__}"}
                continue
            yield {**row, "where": where, "location": corpus_location(shard.path, row)}


def read_parquet(shard: Shard, max_bytes: int) -> Iterator[dict]:
    """Rows start..start+rows, reading only the row groups that hold them."""
    file = pq.ParquetFile(shard.path)
    columns = [name for name in COLUMNS if name in file.schema_arrow.names]
    groups, first_row, row = [], None, 0
    for group in range(file.metadata.num_row_groups):
        size = file.metadata.row_group(group).num_rows
        if row + size > shard.start and row < shard.start + shard.rows:
            groups.append(group)
            first_row = row if first_row is None else first_row
        row += size
    table = file.read_row_groups(groups, columns=columns).slice(shard.start - (first_row or 0), shard.rows)
    for number, values in enumerate(table.to_pylist(), start=shard.first):
        row = {key: as_text(value) for key, value in values.items()}
        yield {**row, "where": f"{shard.path} row {number}", "location": corpus_location(shard.path, row)}


def as_text(value: object) -> object:
    """A Parquet date or timestamp as the ISO string a JSON line would hold."""
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def read_warc(shard: Shard, max_bytes: int) -> Iterator[dict]:
    with open(shard.path, "rb") as stream:
        stream.seek(shard.start)
        records = ArchiveIterator(stream)
        taken = 0
        for record in records:
            if taken == shard.rows:
                return
            if not is_page(record):
                continue
            taken += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read(max_bytes + 1)  # before the offset, which skips the rest
            where = f"{shard.path} at byte {records.get_record_offset()}"
            if len(body) > max_bytes:
                yield {"id": url, "where": where, "error": f"longer than the limit of {max_bytes:,} bytes"}
                continue
            yield {"id": url, "url": url, "html": decode_file(body), "where": where, "location": url}


def corpus_location(path: str, row: dict) -> str | None:
    """Where the ledger says an article was found: its URL, else the file and its id, as ingest says."""
    if isinstance(row.get("url"), str):
        return row["url"]
    return f"{Path(path).as_uri()}#{row['id']}" if row.get("id") is not None else None
