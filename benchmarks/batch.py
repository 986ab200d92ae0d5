"""Batch throughput on 1 and 2 workers, for both engines, and whether worker memory stays flat.

    python benchmarks/batch.py [--n 900] [--engines local ray] [--shard-rows 25] [--min-efficiency 0.7]

The corpus is PolNeAR's texts (train and dev) and the VOA stories, each distinct text once (a
repeated text would measure a cache, not extraction), written as JSON Lines. Each engine and
worker count runs `claimledger batch` as its own process on a fresh output folder. Throughput
counts the articles of every shard over the span from the first shard's start to the last
shard's end, as the shard reports record it, so process start-up, model loading and Ray's own
start are left out (they are printed apart as the whole run's wall time).
efficiency = throughput(2 workers) / (2 x throughput(1 worker)); 1.0 is perfect scaling.
Cost: articles per CPU-hour of the workers (their user and system time, summed over shards),
which other work on the machine changes much less than wall-clock throughput; throughput over
it is the number of cores the workers actually got, which shows when the machine was too busy
for the efficiency to mean anything.
Memory: each worker's resident set after each of its shards (the reports hold it); it should
stop growing once the first shards are done, since the core parses inside spaCy memory zones.
Exits 1 when an engine's efficiency is under --min-efficiency.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimledger.batch.output import reports
from claimledger.evaluation.polnear import load_articles
from claimledger.ledger.write import content_hash

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"


def corpus(n: int, polnear: Path, voa: Path) -> list[dict]:
    """Up to n distinct articles: PolNeAR first, then VOA."""
    rows, seen = [], set()
    articles = [a for split in ("train", "dev") for a in load_articles(polnear, split)]
    candidates = [
        {"id": a.id, "text": a.text, "title": a.title, "published": a.published and a.published.isoformat()}
        for a in articles
    ]
    candidates += [json.loads(line) for line in voa.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in candidates:
        digest = content_hash(row["text"])
        if digest not in seen and row["text"].strip():
            seen.add(digest)
            rows.append({key: row.get(key) for key in ("id", "text", "title", "published")})
    if len(rows) < n:
        sys.exit(f"only {len(rows)} distinct articles found, {n} asked for")
    return rows[:n]


def run(path: Path, out: Path, engine: str, workers: int, shard_rows: int) -> dict:
    command = [str(Path(sys.executable).parent / "claimledger"), "batch", str(path), "--out", str(out)]
    command += ["--engine", engine, "--workers", str(workers), "--shard-rows", str(shard_rows)]
    env = {
        key: value for key, value in os.environ.items() if key != "RAY_ADDRESS"
    }  # a local Ray, `workers` CPUs
    started = time.monotonic()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    wall = time.monotonic() - started
    shards = reports(out)
    # Exit status 1 with every shard finished: some articles failed, and are counted as such.
    if done.returncode not in (0, 1) or "run the same command again" in done.stderr or not shards:
        sys.exit(f"{engine} with {workers} workers failed:\n{done.stderr[-3000:]}")
    span = max(r["finished"] for r in shards) - min(r["started"] for r in shards)
    articles = sum(r["articles"] for r in shards)
    failed = sum(len(r["failed"]) for r in shards)
    cpu = sum(r["cpu_s"] for r in shards)
    memory: dict[int, list[float]] = {}
    for report in sorted(shards, key=lambda r: r["finished"]):
        memory.setdefault(report["worker"]["pid"], []).append(report["worker"]["rss_mb"])
    peaks = {}
    for report in shards:
        pid = report["worker"]["pid"]
        peaks[pid] = max(peaks.get(pid, 0.0), report["worker"]["peak_rss_mb"])
    return {
        "articles": articles,
        "failed": failed,
        "cpu_rate": articles / cpu,
        "rate": articles / span,
        "span": span,
        "wall": wall,
        "memory": memory,
        "peaks": peaks,
    }


def memory_line(result: dict) -> str:
    """Per worker: RSS after its first shard, then after a quarter, half, three quarters and all of
    its shards, and its peak (long articles raise the peak for a while, not the level)."""
    parts = []
    for pid, sizes in result["memory"].items():
        marks = sorted({0, len(sizes) // 4, len(sizes) // 2, 3 * len(sizes) // 4, len(sizes) - 1})
        levels = " -> ".join(f"{sizes[at]:.0f}" for at in marks)
        parts.append(f"{len(sizes)} shards: {levels} MB, peak {result['peaks'][pid]:.0f} MB")
    return "; ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=900, help="distinct articles (default: 900)")
    parser.add_argument("--engines", nargs="+", default=["local", "ray"], choices=("local", "ray"))
    parser.add_argument("--shard-rows", type=int, default=25, help="articles per shard (default: 25)")
    parser.add_argument("--min-efficiency", type=float, default=0.7)
    parser.add_argument("--polnear", type=Path, default=SHARED / "polnear")
    parser.add_argument("--voa", type=Path, default=SHARED / "voa" / "voa_stories.jsonl")
    args = parser.parse_args()

    rows = corpus(args.n, args.polnear, args.voa)
    words = sum(len(row["text"].split()) for row in rows)
    print(f"articles: {len(rows)} distinct ({words:,} words), {args.shard_rows} per shard")
    print(f"load before: {os.getloadavg()[0]:.2f} (1 min), on {os.cpu_count()} cores")
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.jsonl"
        path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
        for engine in args.engines:
            results = {}
            for workers in (1, 2):
                result = results[workers] = run(
                    path, Path(folder) / f"{engine}-{workers}", engine, workers, args.shard_rows
                )
                print(
                    f"{engine} x{workers}: {result['rate']:.2f} articles/s over {result['span']:.0f} s, "
                    f"{result['cpu_rate'] * 3600:,.0f} articles per CPU-hour of the workers, "
                    f"who got {result['rate'] / result['cpu_rate']:.2f} cores "
                    f"(whole run {result['wall']:.0f} s, load {os.getloadavg()[0]:.2f}; "
                    f"{result['articles']} articles, {result['failed']} failed)"
                )
                print(f"  worker RSS: {memory_line(result)}")
            efficiency = results[2]["rate"] / (2 * results[1]["rate"])
            failed |= efficiency < args.min_efficiency
            print(
                f"{engine} scaling efficiency 1 -> 2 workers: {efficiency:.2f} (target {args.min_efficiency})"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
