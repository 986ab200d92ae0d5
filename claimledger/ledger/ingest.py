"""Ingest: sources in, one transaction per article out, safe to kill and run again.

Articles whose text the ledger already holds are skipped before extraction, so a rerun after a
crash only extracts what was not committed. Claims are stored ungrouped unless `group=True`:
embedding them costs about as much CPU as extracting them (benchmarks/README.md), so grouping is
a step of its own (grouping.group_pending; `claimledger propositions` runs it first).
Extraction may run in worker processes (each loads the pipeline once); this process is the only
writer, and writes in input order.
"""

from __future__ import annotations

import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice

import httpx

from claimledger.extraction import Extractor
from claimledger.ledger import fetch
from claimledger.ledger.grouping import Embedder, Grouper
from claimledger.ledger.reconcile import reconcile
from claimledger.ledger.sources import Failed, Found, read_sources
from claimledger.ledger.store import Ledger
from claimledger.ledger.write import add_location, content_hash, write_record

CHUNK = 16  # articles per extraction task: a full batch of spaCy's (extract_many parses 16 at once)
Progress = Callable[[str, str], None]  # (status: ingested | unchanged | failed, where)


@dataclass
class Summary:
    ingested: int = 0
    unchanged: int = 0
    duplicates: int = 0  # of the ingested, how many are near-copies of an earlier article
    failed: list[dict] = field(default_factory=list)  # {"source": ..., "reason": ...}

    def as_dict(self) -> dict:
        return {
            "ingested": self.ingested,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "failed": self.failed,
        }


def ingest(
    ledger: Ledger,
    sources: Iterable[str],
    *,
    workers: int = 1,
    store_text: bool = True,
    progress: Progress | None = None,
    model: str | None = None,
    extractor: Extractor | None = None,
    http: httpx.Client | None = None,
    group: bool = False,
    embedder: Embedder | None = None,
) -> dict:
    """Read, extract and store every article of `sources`; with `group`, also group its claims
    with those of the other articles as it goes (see grouping.py; `embedder` defaults to the
    packaged sentence model), else they wait for grouping.group_pending. Return what happened:
    {"ingested": n, "unchanged": n, "duplicates": n, "failed": [{"source", "reason"}]}."""
    summary = Summary()

    def report(status: str, where: str, reason: str | None = None) -> None:
        if status == "failed":
            summary.failed.append({"source": where, "reason": reason})
        else:
            setattr(summary, status, getattr(summary, status) + 1)
        if progress:
            progress(status, where)

    client = http or fetch.client()
    try:
        grouper = Grouper(ledger, embedder) if group else None
        with grouper or nullcontext():  # claims embedded while the next are extracted
            pending = new_articles(ledger, read_sources(sources, client), report)
            for found, result in extract_all(pending, workers, model, extractor):
                where = found.location or found.meta.title or "article"
                if isinstance(result, str):
                    report("failed", where, result)
                    continue
                result["external_id"] = found.meta.id
                written = write_record(ledger, result, location=found.location, store_text=store_text)
                summary.duplicates += written.duplicate_of is not None
                if grouper and written.status == "ingested":
                    grouper.add_stored()
                report(written.status, where)
            if grouper:
                grouper.add_stored()  # and what a killed run stored but did not group
    finally:
        if http is None:
            client.close()
    reconcile(ledger)
    return summary.as_dict()


def new_articles(ledger: Ledger, found: Iterable[Found | Failed], report: Callable) -> Iterator[Found]:
    """The articles whose text the ledger lacks; a known text only gains the location it was found at."""
    for item in found:
        if isinstance(item, Failed):
            report("failed", item.where, item.reason)
            continue
        existing = ledger.value("SELECT id FROM articles WHERE content_hash = ?", (content_hash(item.text),))
        if existing is None:
            yield item
            continue
        with ledger.transaction():
            add_location(ledger, item.location, existing)
        report("unchanged", item.location or "article")


def extract_all(
    articles: Iterable[Found], workers: int, model: str | None, extractor: Extractor | None
) -> Iterator[tuple[Found, dict | str]]:
    """Each article with its record, or with the reason extraction failed, in input order."""
    remaining = iter(articles)
    chunks = iter(lambda: list(islice(remaining, CHUNK)), [])
    if workers <= 1:
        local = extractor or Extractor(model)
        for chunk in chunks:
            yield from zip(chunk, extract_chunk(local, chunk), strict=True)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=start_worker, initargs=(model,)) as pool:
        window: deque[tuple[list[Found], Future]] = deque()
        for chunk in chunks:
            window.append((chunk, pool.submit(extract_in_worker, chunk)))
            if len(window) >= 2 * workers:
                done, future = window.popleft()
                yield from zip(done, future.result(), strict=True)
        while window:
            done, future = window.popleft()
            yield from zip(done, future.result(), strict=True)


def extract_chunk(extractor: Extractor, chunk: list[Found]) -> list[dict | str]:
    """Records of the chunk, batched; if the batch fails, article by article to find the culprit."""
    try:
        return list(extractor.extract_many([(found.text, found.meta) for found in chunk]))
    except Exception:  # noqa: BLE001  (an extractor bug on one article must not stop the run)
        return [extract_one(extractor, found) for found in chunk]


def extract_one(extractor: Extractor, found: Found) -> dict | str:
    try:
        return extractor.extract(found.text, found.meta)
    except Exception as error:  # noqa: BLE001
        frame = traceback.extract_tb(error.__traceback__)[-1]
        return f"extraction failed: {type(error).__name__}: {error} ({frame.filename}:{frame.lineno})"


_worker: Extractor | None = None


def start_worker(model: str | None) -> None:
    global _worker
    _worker = Extractor(model)


def extract_in_worker(chunk: list[Found]) -> list[dict | str]:
    assert _worker is not None, "start_worker runs first in every worker"
    return extract_chunk(_worker, chunk)
