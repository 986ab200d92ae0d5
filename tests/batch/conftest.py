"""Batch fixtures: the recorded extractor with a blank spaCy pipeline for memory zones (no model),
inputs in every format built here, and one Ray session for the whole run."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import spacy
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimledger.batch.core import TABLES
from tests.ledger.recorded import ARTICLES, RecordedExtractor


class Recorded(RecordedExtractor):
    """The recorded extractor with the `nlp` whose memory zone the core opens."""

    def __init__(self, delay: float = 0.0):
        super().__init__(delay)
        self.nlp = spacy.blank("en")


@pytest.fixture(scope="session")
def recorded() -> Recorded:
    return Recorded()


def fixture_rows() -> list[dict]:
    return [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]


def write_jsonl(path: Path, rows: list[dict | str]) -> Path:
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_parquet(path: Path, rows: list[dict], row_group_size: int = 2) -> Path:
    """Rows with "published" as a Parquet date, as a data warehouse would hold it."""
    columns = {key: [row.get(key) for row in rows] for key in ("id", "text", "title", "url")}
    columns["published"] = [
        dt.date.fromisoformat(row["published"]) if row.get("published") else None for row in rows
    ]
    pq.write_table(pa.table(columns), path, row_group_size=row_group_size)
    return path


def write_warc(path: Path, pages: list[tuple[str, str, str, str]]) -> Path:
    """A gzipped WARC of (url, status, content type, body) responses, with a request record before
    each as crawlers write them."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, status, content_type, body in pages:
            writer.write_record(
                writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            )
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode()), http_headers=headers
            )
            writer.write_record(record)
    return path


def page(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in text.split("\n") if paragraph.strip())
    return (
        f"<html><head><title>{title}</title><meta property='og:title' content='{title}'></head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def read_rows(out: Path) -> dict[str, Counter]:
    """Every table's rows as a multiset, the run's extraction time left out: two runs of the same
    input agree on everything else."""
    tables = {}
    for table in TABLES:
        rows = pq.read_table(out / table).to_pylist()
        for row in rows:
            row.pop("extracted", None)
            if "record" in row:
                record = json.loads(row["record"])
                record["provenance"].pop("extracted")
                row["record"] = json.dumps(record, sort_keys=True)
        tables[table] = Counter(json.dumps(row, sort_keys=True) for row in rows)
    return tables


@pytest.fixture(scope="session")
def ray_session():
    """One local Ray instance with 2 CPUs for every test that needs it (starting one takes ~10 s)."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()
