"""The local engine: worker processes on this machine, each loading the pipeline once."""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from claimledger.batch.job import Job, Progress, WorkerLost, run_shard
from claimledger.batch.readers import Shard
from claimledger.extraction import Extractor

_extractor: Extractor | None = None


def start_worker(model: str | None) -> None:
    global _extractor
    _extractor = Extractor(model)


def work(shard: Shard, job: Job) -> dict:
    assert _extractor is not None, "start_worker runs first in every worker"
    return run_shard(_extractor, shard, job)


def run(shards: list[Shard], job: Job, workers: int, progress: Progress) -> None:
    """Every shard, at most two per worker queued at a time so a dead worker loses little."""
    remaining = iter(shards)
    with ProcessPoolExecutor(workers, initializer=start_worker, initargs=(job.model,)) as pool:
        running: set[Future] = {pool.submit(work, shard, job) for shard in islice(remaining, 2 * workers)}
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                try:
                    progress(future.result())
                except BrokenProcessPool:
                    raise WorkerLost("a worker process died") from None
                running |= {pool.submit(work, shard, job) for shard in islice(remaining, 1)}
