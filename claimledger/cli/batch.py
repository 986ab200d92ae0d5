"""`claimledger batch`: many articles from JSON Lines, Parquet or WARC into Parquet datasets."""

from __future__ import annotations

import argparse

from rich.console import Console

from claimledger.batch import ENGINES, Summary, batch
from claimledger.batch.readers import SHARD_ROWS
from claimledger.cli.output import PROG, progress_bar
from claimledger.errors import ClaimLedgerError
from claimledger.inputs import DEFAULT_MAX_BYTES


def add_batch(commands: argparse._SubParsersAction) -> None:
    help = "extract a corpus into Parquet datasets (one per ledger table), here or on a Ray cluster"
    p = commands.add_parser("batch", help=help, description=help[0].upper() + help[1:] + ".")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl, .parquet or .warc(.gz) files")
    p.add_argument(
        "--out", required=True, metavar="DIR", help="where the datasets go; a rerun skips finished shards"
    )
    p.add_argument(
        "--engine", choices=ENGINES, default="local", help="local processes or Ray (default: local)"
    )
    p.add_argument(
        "--workers", type=int, default=1, metavar="N", help="worker processes or Ray actors (default: 1)"
    )
    p.add_argument(
        "--shard-rows",
        type=int,
        default=SHARD_ROWS,
        metavar="N",
        help=f"articles per shard (default: {SHARD_ROWS})",
    )
    p.add_argument("--model", metavar="NAME", help="an installed spaCy pipeline (default: en_core_web_sm)")
    p.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help="longer rows are refused (default: 10,000,000)",
    )
    p.set_defaults(run=run_batch)


def run_batch(args: argparse.Namespace) -> int:
    if args.shard_rows < 1:
        raise ClaimLedgerError("--shard-rows must be at least 1")
    with progress_bar("batch") as bar:
        task = bar.add_task("batch", total=None)
        summary = batch(
            args.inputs,
            args.out,
            engine=args.engine,
            workers=args.workers,
            model=args.model,
            shard_rows=args.shard_rows,
            max_bytes=args.max_bytes,
            planned=lambda shards, rows: bar.update(task, total=rows, description=f"{shards} shards"),
            progress=lambda report: bar.update(task, advance=report["articles"] + len(report["failed"])),
        )
    console = Console(stderr=True, soft_wrap=True)
    console.print(describe(summary), markup=False)
    for failure in summary.failed:
        named = f" (id {failure['id']})" if failure["id"] is not None else ""
        console.print(f"{PROG}: {failure['where']}{named}: {failure['reason']}", markup=False)
    if summary.error:
        raise ClaimLedgerError(summary.error)
    return 1 if summary.failed else 0


def describe(summary: Summary) -> str:
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    peaks = [max(sizes) for sizes in summary.memory.values()]
    return (
        f"shards {summary.shards}: {summary.done} done now, {summary.skipped} before; "
        f"articles {summary.articles}, failed {len(summary.failed)} ({rate:.1f} articles/s); "
        + ", ".join(f"{table} {count}" for table, count in summary.rows.items())
        + (f"; worker RSS at most {max(peaks):.0f} MB" if peaks else "")
    )
