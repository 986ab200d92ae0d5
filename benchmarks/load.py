"""Web load benchmark, loopback only, bounded: `.venv/bin/python -m benchmarks.load [--quick]`.

`claimledger serve` runs as its own process over a ledger seeded with the recorded fixture
articles, while `claimledger ingest` processes write editions of --stories VOA stories each into the same file
(the next stories each time, and a first line naming the edition, so every article is new). The load is
open-loop: request i is sent at start + i / rate whatever became of earlier ones, and its latency
counts from that planned moment, so a slow server cannot slow the clock that measures it.
Requests are mixed evenly over the article, figures and search pages, half HTML, half JSON.

1. A fixed rate (--rate, 50/s) for --duration seconds (180; --quick 20).
2. A step search: rising rates for --step seconds each, until one misses the target (no errors,
   p99 under 300 ms); the highest that met it is reported.
3. The ingest is let finish its edition; every article it reported storing must be in the ledger.

Latency counts from the planned moment, so it includes the generator's own lateness on a busy
machine (send_lag); server_cpu_ms_per_request is the server process's CPU time per request.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
VOA = REPO.parent / "shared" / "datasets" / "voa" / "voa_stories.jsonl"
BIN = Path(sys.executable).parent
P99_TARGET = 0.300
DEADLINE = 10.0  # seconds; an answer later than this counts as an error (and bounds each phase)
STEPS = (10, 20, 30, 50, 75, 100, 150, 200, 300)
WORDS = ("troops", "Russia", "Kursk", "hostages", "train", "Ukraine", "Pentagon", "officials", "said")


@dataclass
class Phase:
    rate: float
    duration: float
    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    lags: list[float] = field(default_factory=list)  # how late the generator itself sent
    errors: dict[str, int] = field(default_factory=dict)
    error_samples: dict[str, str] = field(default_factory=dict)  # an answer of each error status
    sent: int = 0
    last_answer: float = 0.0
    server_cpu: float = 0.0

    def summary(self) -> dict:
        ordered = sorted(self.latencies)

        def quantile(q: float) -> float | None:
            return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1) if ordered else None

        errors = sum(self.errors.values())
        slowest = {
            kind: round(1000 * sorted(found)[int(0.99 * len(found))], 1)
            for kind, found in self.by_kind.items()
        }
        return {
            "target_rate": self.rate,
            "seconds": self.duration,
            "sent": self.sent,
            "ok": len(ordered),
            "errors": errors,
            "error_kinds": self.errors,
            "error_samples": self.error_samples,
            "achieved_rate": round(len(ordered) / max(self.last_answer, self.duration), 1),
            "p50_ms": quantile(0.50),
            "p90_ms": quantile(0.90),
            "p99_ms": quantile(0.99),
            "max_ms": round(1000 * ordered[-1], 1) if ordered else None,
            "mean_ms": round(1000 * statistics.fmean(ordered), 1) if ordered else None,
            "p99_ms_by_page": slowest,
            "send_lag_p99_ms": round(1000 * sorted(self.lags)[int(0.99 * len(self.lags))], 1),
            "server_cpu_ms_per_request": round(1000 * self.server_cpu / max(1, len(ordered) + errors), 1),
            "met_target": errors == 0 and bool(ordered) and quantile(0.99) < 1000 * P99_TARGET,
        }


class Mix:
    """The next URL to ask for: article, figures or search, HTML or its JSON twin, at random."""

    def __init__(self, article_ids: list[str], seed: int = 7):
        self.ids = article_ids
        self.random = random.Random(seed)

    def next(self) -> tuple[str, str]:
        """(kind of page, URL)"""
        pick, twin = self.random.randrange(3), self.random.choice(("", ".json"))
        word = self.random.choice(WORDS)
        if pick == 0:
            return f"article{twin}", f"/articles/{self.random.choice(self.ids)}{twin}"
        if pick == 1:
            return f"figures{twin}", f"/figures{twin}" + (
                f"?about={word}" if self.random.random() < 0.5 else ""
            )
        return f"search{twin}", f"/search{twin}?q={word}"


async def run_phase(base: str, server: int, mix: Mix, rate: float, duration: float) -> Phase:
    phase = Phase(rate, duration)
    # Idle connections are closed by the client after 2 s, before uvicorn's 5 s: otherwise a request
    # sent on a connection the server is closing at that moment fails (a client-side race, not load).
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=200, keepalive_expiry=2.0)
    cpu_before = cpu_seconds(server)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=DEADLINE) as client:
        loop = asyncio.get_running_loop()
        start = loop.time()

        async def one(page: str, url: str, planned: float) -> None:
            phase.lags.append(loop.time() - planned)
            try:
                response = await asyncio.wait_for(client.get(url), DEADLINE)
            except (httpx.HTTPError, TimeoutError) as error:
                error_kind = type(error).__name__
            else:
                error_kind = None if response.status_code == 200 else f"HTTP {response.status_code}"
                if error_kind:
                    phase.error_samples.setdefault(error_kind, f"{url}: {response.text[:300]}")
            answered = loop.time()
            phase.last_answer = max(phase.last_answer, answered - start)
            if error_kind:
                phase.errors[error_kind] = phase.errors.get(error_kind, 0) + 1
            else:
                phase.latencies.append(answered - planned)
                phase.by_kind.setdefault(page, []).append(answered - planned)

        tasks = []
        for number in range(int(rate * duration)):
            planned = start + number / rate
            await asyncio.sleep(max(0.0, planned - loop.time()))
            tasks.append(asyncio.create_task(one(*mix.next(), planned)))
            phase.sent += 1
        await asyncio.gather(*tasks)
    phase.server_cpu = cpu_seconds(server) - cpu_before
    return phase


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(base: str, limit: float = 300.0) -> None:
    """Wait until the server answers at once again: what one phase left queued must not count
    against the next."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        began = time.monotonic()
        try:
            httpx.get(f"{base}/api/articles?limit=1", timeout=limit)
        except httpx.HTTPError:
            pass
        if time.monotonic() - began < 0.2:
            return
        time.sleep(1)


class Ingests:
    """`claimledger ingest` of one edition of the VOA stories after another, in the background,
    until stopped; what each run reported storing is summed."""

    SUMMARY = re.compile(r"ingested (\d+), unchanged (\d+), wire copies (\d+), failed (\d+)")

    def __init__(self, db: Path, folder: Path, stories: int):
        self.db, self.folder = db, folder
        self.rows = [
            json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        self.stories = stories
        self.stop = threading.Event()
        self.reported = {"ingested": 0, "unchanged": 0, "wire copies": 0, "failed": 0}
        self.runs: list[dict] = []
        self.error: str | None = None
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def loop(self) -> None:
        try:
            self.editions()
        except Exception as error:  # noqa: BLE001  (main() reports it after the load)
            self.error = str(error)

    def editions(self) -> None:
        edition = 0
        while not self.stop.is_set():
            edition += 1
            path = self.folder / f"edition-{edition}.jsonl"
            with path.open("w", encoding="utf-8") as stream:
                for number in range((edition - 1) * self.stories, edition * self.stories):
                    row = self.rows[number % len(self.rows)]  # the next stories; past the end, again
                    copy = row | {
                        "id": f"{row.get('id')}-e{edition}",
                        "text": f"Edition {edition}.\n{row['text']}",
                    }
                    stream.write(json.dumps(copy) + "\n")
            began = time.monotonic()
            done = subprocess.run(
                [str(BIN / "claimledger"), "ingest", str(path), "--db", str(self.db)],
                capture_output=True,
                text=True,
            )
            found = self.SUMMARY.search(done.stderr)
            if not found:
                raise RuntimeError(f"ingest said no summary (exit {done.returncode}): {done.stderr[-2000:]}")
            counts = dict(zip(self.reported, map(int, found.groups()), strict=True))
            for key, value in counts.items():
                self.reported[key] += value
            self.runs.append({"edition": edition, "seconds": round(time.monotonic() - began, 1)} | counts)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed(db: Path) -> int:
    """The recorded fixture articles, stored without the spaCy model; returns how many."""
    from claimledger.ledger import Ledger, ingest
    from tests.ledger.recorded import ARTICLES, RecordedExtractor

    with Ledger(db) as ledger:
        return ingest(ledger, [str(ARTICLES)], extractor=RecordedExtractor())["ingested"]


def article_count(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]


def integrity(db: Path) -> dict[str, str]:
    """SQLite's integrity check and FTS5's, after the run: is the file sound, or only a reader's view?"""
    found = {}
    with sqlite3.connect(db) as connection:
        checks = {"sqlite": "PRAGMA integrity_check"} | {
            table: f"INSERT INTO {table}({table}) VALUES('integrity-check')"
            for table in ("articles_fts", "attributions_fts")
        }
        for name, sql in checks.items():
            try:
                found[name] = str((connection.execute(sql).fetchone() or ["ok"])[0])
            except sqlite3.DatabaseError as error:
                found[name] = str(error)
    return found


def serve(db: Path, port: int, log: Path) -> subprocess.Popen:
    """The server, its stderr to a file (a pipe nobody reads would fill and stop it)."""
    with log.open("w") as stream:
        server = subprocess.Popen(
            [str(BIN / "claimledger"), "serve", "--db", str(db), "--port", str(port)], stderr=stream
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"the server did not start: {log.read_text()[-2000:]}")


def server_errors(log: Path) -> dict[str, int]:
    """The last line of each traceback the server logged, counted."""
    found: dict[str, int] = {}
    lines = log.read_text(errors="replace").splitlines()
    for number, line in enumerate(lines):
        if line.startswith("Traceback"):
            tail = (text for text in lines[number + 1 :] if text and not text.startswith((" ", "Traceback")))
            last = next(tail, "?")
            found[last[:200]] = found.get(last[:200], 0) + 1
    return found


def table(rows: list[dict]) -> str:
    columns = (
        "target_rate",
        "seconds",
        "sent",
        "ok",
        "errors",
        "achieved_rate",
        "p50_ms",
        "p99_ms",
        "max_ms",
    )
    lines = ["  ".join(f"{c:>13}" for c in columns)]
    lines += ["  ".join(f"{row[c]!s:>13}" for c in columns) for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=50, help="requests per second of phase 1 (50)")
    parser.add_argument("--duration", type=float, default=180, help="seconds of phase 1 (180)")
    parser.add_argument("--step", type=float, default=30, help="seconds per rate of the step search (30)")
    parser.add_argument("--stories", type=int, default=20, help="VOA stories per ingest edition (20)")
    parser.add_argument("--quick", action="store_true", help="20 s at the rate, 10 s steps, 5 stories")
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.step, args.stories = 20, 10, 5
    results: dict = {"load_before": os.getloadavg(), "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="claimledger-load-") as folder:
        db = Path(folder) / "ledger.db"
        seeded = seed(db)
        port = free_port()
        log = Path(folder) / "server.log"
        server = serve(db, port, log)
        base = f"http://127.0.0.1:{port}"
        ingests = Ingests(db, Path(folder), args.stories)
        try:
            ids = [row["id"] for row in httpx.get(f"{base}/api/articles?limit=500").json()["items"]]
            ingests.thread.start()
            mix = Mix(ids)
            fixed = asyncio.run(run_phase(base, server.pid, mix, args.rate, args.duration)).summary()
            print(f"phase 1: {args.rate:g}/s for {args.duration:g} s while ingesting", file=sys.stderr)
            print(table([fixed]), file=sys.stderr)
            steps = []
            for rate in STEPS:
                settle(base)
                steps.append(asyncio.run(run_phase(base, server.pid, mix, rate, args.step)).summary())
                print(table(steps[-1:]), file=sys.stderr)
                if not steps[-1]["met_target"]:
                    break
            results["load_during"] = os.getloadavg()
            ingests.stop.set()
            ingests.thread.join()
            if ingests.error:
                raise RuntimeError(ingests.error)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        present = article_count(db)
        results["integrity"] = integrity(db)
        expected = seeded + ingests.reported["ingested"]
        passing = [step["target_rate"] for step in steps if step["met_target"]]
        results |= {
            "fixed": fixed,
            "steps": steps,
            "highest_rate_meeting_target": max(passing) if passing else None,
            "ingest_runs": ingests.runs,
            "server_errors": server_errors(log),
            "articles": {"seeded": seeded, "reported_ingested": ingests.reported["ingested"]}
            | {"present": present, "lost": expected - present},
        }
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
