"""The Ray engine: Ray Data maps the shards over a pool of actors, each loading the pipeline once.

It joins the cluster RAY_ADDRESS names, else starts Ray on this machine with `workers` CPUs. The
dataset is the list of unfinished shards, one block each; every actor reads its shard from the
shared filesystem and writes that shard's five tables itself, as the local engine does, since
one pass must yield five datasets and a shard counts as done only once all of them are on disk.
Ray restarts an actor that dies and retries its shard, so a lost worker does not stop the job.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict

import pyarrow as pa

from claimledger.batch.job import Job, Progress, run_shard
from claimledger.batch.readers import Shard
from claimledger.errors import ClaimLedgerError
from claimledger.extraction import Extractor


class ShardWorker:
    """A Ray Data callable class: constructed once per actor, then called with one shard at a time."""

    def __init__(self, job: Job):
        self.job = job
        self.extractor = Extractor(job.model)

    def __call__(self, batch: pa.Table) -> pa.Table:
        reports = [run_shard(self.extractor, Shard(**row), self.job) for row in batch.to_pylist()]
        return pa.table({"report": [json.dumps(report) for report in reports]})


def run(shards: list[Shard], job: Job, workers: int, progress: Progress) -> None:
    ray = connect(workers)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # the CLI draws its own, from the reports
    context.print_on_execution_start = False
    dataset = ray.data.from_items([asdict(shard) for shard in shards], override_num_blocks=len(shards))
    reports = dataset.map_batches(
        ShardWorker,
        fn_constructor_kwargs={"job": job},
        batch_size=1,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
    )
    for row in reports.iter_rows():
        progress(json.loads(row["report"]))


def connect(workers: int):
    """The ray module, joined to the cluster at RAY_ADDRESS or to a Ray started here."""
    try:
        import ray
    except ImportError:
        raise ClaimLedgerError(
            "the ray engine needs Ray: pip install 'claimledger[ray]' (or use --engine local)"
        ) from None
    if not ray.is_initialized():
        address = os.environ.get("RAY_ADDRESS")
        local = {} if address else {"num_cpus": workers}
        ray.init(
            address=address or None,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.WARNING,
            **local,
        )
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    return ray
