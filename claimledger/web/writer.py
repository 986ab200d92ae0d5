"""The one thread that writes to the ledger; every other thread only reads.

SQLite allows one writer at a time. Sending every write (ingest, corrections) to one thread that
owns the only write connection keeps writers from waiting on each other's locks, and in WAL mode
readers on their own connections see the last committed state, never blocked by a long write.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from claimledger.ledger.store import Ledger

Job = Callable[[Ledger], Any]


class Writer:
    """submit(job) runs job(ledger) on the writer thread and returns a Future of its result."""

    def __init__(self, path: str | Path):
        self.path = path
        self.jobs: queue.Queue[tuple[Job, Future] | None] = queue.Queue()
        self.ready: Future = Future()
        self.thread = threading.Thread(target=self.run, name="claimledger-writer", daemon=True)
        self.thread.start()
        self.ready.result()  # the ledger is open and migrated before any reader opens it

    def run(self) -> None:
        try:
            ledger = Ledger(self.path)
        except BaseException as error:  # noqa: BLE001  (handed to the thread that started us)
            self.ready.set_exception(error)
            return
        self.ready.set_result(None)
        with ledger:
            while (item := self.jobs.get()) is not None:
                job, future = item
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(job(ledger))
                    except BaseException as error:  # noqa: BLE001  (the request that sent it reports it)
                        future.set_exception(error)

    def submit(self, job: Job) -> Future:
        future: Future = Future()
        self.jobs.put((job, future))
        return future

    def close(self) -> None:
        self.jobs.put(None)
        self.thread.join()
