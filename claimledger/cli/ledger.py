"""The ledger commands: `ingest` articles into a store, then ask it `claims`, `sources`, `figures`,
`timeline` and `search`, or `export` it. Each opens the store, calls one library function, prints."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable

from rich.console import Console

from claimledger.cli.extract import date
from claimledger.cli.output import PROG, ROW_FORMATS, print_rows, progress_bar
from claimledger.errors import ClaimLedgerError
from claimledger.ledger import (
    Ledger,
    claims,
    estimates,
    export,
    ingest,
    propositions,
    search,
    sources,
    timeline,
)
from claimledger.ledger.export import FORMATS as EXPORT_FORMATS
from claimledger.ledger.from_batch import ingest_batch
from claimledger.ledger.grouping import group_pending, pending

CERTAINTIES = ("certain", "probable", "possible", "unknown")
# What a person reads in the terminal; --format json|csv gives every column (ids included).
TABLE_COLUMNS = {
    "claims": ("said_on", "source", "cue", "content", "certainty", "polarity", "article_title"),
    "sources": ("source", "type", "claims", "articles", "hedged", "denied", "distanced", "topics"),
    "figures": ("question_title", "source", "text", "value", "low", "high", "certainty", "said_on"),
    "timeline": ("said_on", "event", "source", "text", "certainty"),
    "search": ("kind", "date", "source", "article_title", "snippet"),
    "propositions": ("first_said", "first_source", "claim", "sources", "said_by", "contested"),
}


def add_ledger_commands(commands: argparse._SubParsersAction) -> None:
    add = command_adder(commands)

    p = add("ingest", run_ingest, "extract articles and store them in the ledger")
    p.add_argument(
        "sources", nargs="*", metavar="PATH|URL|FEED", help="files, folders, JSON Lines, URLs, feeds"
    )
    p.add_argument(
        "--from-parquet", metavar="DIR", help="load the result of 'claimledger batch --out DIR' instead"
    )
    p.add_argument("--workers", type=int, default=1, metavar="N", help="extraction processes (default: 1)")
    p.add_argument(
        "--store-text",
        choices=("yes", "no"),
        default="yes",
        help="no: keep offsets, hashes and short evidence snippets instead of full article text",
    )
    p.add_argument("--model", metavar="NAME", help="an installed spaCy pipeline (default: en_core_web_sm)")
    p.add_argument(
        "--group",
        action="store_true",
        help="group claims into propositions now, not when 'propositions' or 'export' first needs them "
        "(the sentence model costs about as much CPU as extraction)",
    )

    p = add("claims", run_claims, "attributed claims, newest first", rows=True)
    p.add_argument("--source", help="who said them (name or alias)")
    p.add_argument("--entity", help="whom they mention")
    p.add_argument("--text", help="words in the claim")
    p.add_argument("--since", type=date, metavar="YYYY-MM-DD")
    p.add_argument("--until", type=date, metavar="YYYY-MM-DD")
    p.add_argument("--certainty", choices=CERTAINTIES)

    add("sources", run_sources, "who is cited, how often, on what, how hedged", rows=True)

    p = add("figures", run_figures, "reconciled figures: every estimate of a quantity by source", rows=True)
    p.add_argument(
        "--about", metavar="TEXT", help="questions whose title, owner, place or unit has these words"
    )

    p = add("timeline", run_timeline, "an entity's or a question's claims and estimates over time", rows=True)
    p.add_argument("subject", metavar="ENTITY|QUESTION")

    p = add("search", run_search, "full-text search over claims and articles", rows=True)
    p.add_argument("text", metavar="TEXT")

    p = add(
        "propositions",
        run_propositions,
        "claims stated by several sources: who states, confirms, hedges or denies them, who first",
        rows=True,
    )
    p.add_argument("--about", metavar="TEXT", help="propositions with a statement that has these words")
    p.add_argument(
        "--contested", action="store_true", help="only those one source denies and another affirms"
    )
    p.add_argument(
        "--min-sources", type=int, default=2, metavar="N", help="independent sources at least (default: 2)"
    )

    p = add("export", run_export, "write the ledger as files")
    p.add_argument("directory", metavar="DIR")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="jsonl", help="default: jsonl")


def command_adder(commands: argparse._SubParsersAction) -> Callable[..., argparse.ArgumentParser]:
    def add(name: str, run: Callable, help: str, rows: bool = False) -> argparse.ArgumentParser:
        parser = commands.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".")
        parser.add_argument(
            "--db", default="ledger.db", metavar="PATH", help="the ledger (default: ledger.db)"
        )
        if rows:
            parser.add_argument("--format", choices=ROW_FORMATS, default="table", help="default: table")
            parser.add_argument(
                "--limit", type=int, default=50, metavar="N", help="at most N rows (default: 50)"
            )
        parser.set_defaults(run=run)
        return parser

    return add


def run_ingest(args: argparse.Namespace) -> int:
    if args.workers < 1:
        raise ClaimLedgerError("--workers must be at least 1")
    if bool(args.sources) == bool(args.from_parquet):
        raise ClaimLedgerError("give the sources to ingest, or --from-parquet DIR, but not both")
    seen: Counter[str] = Counter()
    with Ledger(args.db) as ledger:
        with progress_bar("ingest") as bar:
            task = bar.add_task("ingest", total=None)

            def progress(status: str, where: str) -> None:
                seen[status] += 1
                bar.update(task, advance=1, description=", ".join(f"{k} {v}" for k, v in seen.items()))

            store_text = args.store_text == "yes"
            summary = (
                ingest_batch(ledger, args.from_parquet, store_text=store_text, progress=progress)
                if args.from_parquet
                else ingest(
                    ledger,
                    args.sources,
                    workers=args.workers,
                    store_text=store_text,
                    progress=progress,
                    model=args.model,
                    group=args.group,
                )
            )
        if args.group:
            group_claims(ledger)  # what a --from-parquet load stored
    failed = summary["failed"]
    Console(stderr=True).print(
        f"ingested {summary['ingested']}, unchanged {summary['unchanged']}, "
        f"wire copies {summary['duplicates']}, failed {len(failed)}"
    )
    for failure in failed:
        Console(stderr=True).print(f"{PROG}: {failure['source']}: {failure['reason']}", markup=False)
    return 1 if failed else 0


def run_claims(args: argparse.Namespace) -> int:
    with Ledger(args.db) as ledger:
        rows = claims(
            ledger,
            source=args.source,
            entity=args.entity,
            text=args.text,
            since=args.since,
            until=args.until,
            certainty=args.certainty,
            limit=args.limit,
        )
    print_rows(rows, args.format, "claims", TABLE_COLUMNS["claims"])
    return 0


def run_sources(args: argparse.Namespace) -> int:
    with Ledger(args.db) as ledger:
        rows = sources(ledger, limit=args.limit)
    print_rows(rows, args.format, "sources", TABLE_COLUMNS["sources"])
    return 0


def run_figures(args: argparse.Namespace) -> int:
    """One row per estimate, grouped by question: the comparison a reader wants in a table or CSV."""
    with Ledger(args.db) as ledger:
        rows = estimates(ledger, about=args.about, limit=args.limit)
    print_rows(rows, args.format, "figures", TABLE_COLUMNS["figures"])
    return 0


def run_timeline(args: argparse.Namespace) -> int:
    with Ledger(args.db) as ledger:
        rows = timeline(ledger, args.subject, limit=args.limit)
    print_rows(rows, args.format, f"timeline of {args.subject}", TABLE_COLUMNS["timeline"])
    return 0


def run_search(args: argparse.Namespace) -> int:
    with Ledger(args.db) as ledger:
        rows = search(ledger, args.text, limit=args.limit)
    print_rows(rows, args.format, f"search {args.text!r}", TABLE_COLUMNS["search"])
    return 0


def group_claims(ledger: Ledger) -> None:
    """Group the claims that ingest stored ungrouped, with a progress bar (grouping.py)."""
    waiting = pending(ledger)
    if waiting:
        with progress_bar("grouping claims") as bar:
            task = bar.add_task("grouping claims", total=waiting)
            group_pending(ledger, progress=lambda settled: bar.update(task, advance=settled))


def run_propositions(args: argparse.Namespace) -> int:
    """One row per proposition for a table or CSV (its statements as 'source (stance)'); JSON keeps
    every statement with its date, article and stance. Claims not yet grouped are grouped first."""
    with Ledger(args.db) as ledger:
        group_claims(ledger)
        groups = propositions(
            ledger, about=args.about, contested=args.contested, min_sources=args.min_sources, limit=args.limit
        )
    if args.format != "json":
        groups = [
            {
                "first_said": group["first_said"]["said_on"],
                "first_source": group["first_said"]["source"],
                **{key: group[key] for key in ("id", "claim", "sources", "members", "contested")},
                "said_by": "; ".join(
                    dict.fromkeys(
                        f"{s['source'] or '(unattributed)'} ({s['stance']})" for s in group["statements"]
                    )
                ),
                "figure_disagreement": group["figure_disagreement"],
            }
            for group in groups
        ]
    print_rows(groups, args.format, "propositions", TABLE_COLUMNS["propositions"])
    return 0


def run_export(args: argparse.Namespace) -> int:
    with Ledger(args.db) as ledger:
        group_claims(ledger)  # the export holds the propositions
        paths = export(ledger, args.directory, format=args.format)
    for path in paths:
        print(path)
    return 0
