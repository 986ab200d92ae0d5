"""A batch run: cut the inputs into shards, hand the unfinished ones to an engine, sum up.

Every engine runs `run_shard` in its workers, each holding one loaded Extractor: read the
shard, call the core, write the shard's files. The driver sees only shard reports (counts,
failures, worker memory), never article text, so it is not the bottleneck of a cluster.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from claimledger.batch import output, readers
from claimledger.batch.core import TABLES, process
from claimledger.batch.readers import Shard
from claimledger.errors import ClaimLedgerError
from claimledger.extraction import Extractor
from claimledger.inputs import DEFAULT_MAX_BYTES

ENGINES = ("local", "ray")
Progress = Callable[[dict], None]  # called with each finished shard's report


@dataclass(frozen=True)
class Job:
    """What every worker needs to know, sent to it once."""

    out: str
    extracted: str  # the run's start: every record's extraction time, so reruns and engines agree
    model: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


class WorkerLost(Exception):
    """An engine lost a worker and gave up; the shards it finished are kept."""


@dataclass
class Summary:
    shards: int = 0
    skipped: int = 0  # finished by an earlier run
    done: int = 0  # finished by this run
    articles: int = 0
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    failed: list[dict] = field(default_factory=list)  # {"id", "where", "reason"}
    memory: dict[int, list[float]] = field(default_factory=dict)  # worker pid -> RSS (MB) after each shard
    seconds: float = 0.0
    error: str | None = None  # why the run stopped before every shard was finished

    def add(self, report: dict) -> None:
        self.done += 1
        self.articles += report["articles"]
        for table, count in report["rows"].items():
            self.rows[table] += count
        self.failed += report["failed"]
        self.memory.setdefault(report["worker"]["pid"], []).append(report["worker"]["rss_mb"])


def batch(
    inputs: list[str],
    out: str,
    *,
    engine: str = "local",
    workers: int = 1,
    model: str | None = None,
    shard_rows: int = readers.SHARD_ROWS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    planned: Callable[[int, int], None] | None = None,
) -> Summary:
    """Extract every article of `inputs` into Parquet datasets under `out`, skipping the shards an
    earlier run finished. `planned(shards, rows)` is told how much is left before work starts."""
    if engine not in ENGINES:
        raise ClaimLedgerError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if workers < 1:
        raise ClaimLedgerError("--workers must be at least 1")
    started = time.monotonic()
    shards = readers.plan(inputs, shard_rows, max_bytes)
    done = output.finished(out)
    pending = [shard for shard in shards if shard.id not in done]
    summary = Summary(shards=len(shards), skipped=len(shards) - len(pending))
    if planned:
        planned(len(pending), sum(shard.rows for shard in pending))
    job = Job(
        str(Path(out).resolve()), dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), model, max_bytes
    )

    def finished(report: dict) -> None:
        summary.add(report)
        if progress:
            progress(report)

    if pending:
        try:
            engine_run(engine)(pending, job, workers, finished)
        except WorkerLost as lost:
            summary.error = (
                f"{lost}; {summary.skipped + summary.done} of {summary.shards} shards are finished: "
                "run the same command again to do the rest"
            )
    summary.seconds = time.monotonic() - started
    return summary


def engine_run(engine: str) -> Callable[[list[Shard], Job, int, Progress], None]:
    if engine == "ray":
        from claimledger.batch.ray_data import run
    else:
        from claimledger.batch.local import run
    return run


def run_shard(extractor: Extractor, shard: Shard, job: Job) -> dict:
    """Read, extract and write one shard; its report is also its done-marker."""
    started, cpu = time.time(), time.process_time()
    result = process(extractor, readers.read(shard, job.max_bytes), job.extracted)
    report = {
        "shard": shard.id,
        # For throughput without start-up, and cost in CPU time whatever else the machine runs.
        "started": started,
        "finished": time.time(),
        "cpu_s": round(time.process_time() - cpu, 3),
        "articles": len(result.tables["articles"]),
        "rows": {table: len(rows) for table, rows in result.tables.items()},
        "failed": result.failed,
        "worker": {"pid": os.getpid(), "rss_mb": rss_mb(), "peak_rss_mb": peak_rss_mb()},
    }
    output.write_shard(job.out, shard.id, result, report)
    return report


def rss_mb() -> float:
    """The process's resident memory now: what a leak would make grow shard after shard."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
