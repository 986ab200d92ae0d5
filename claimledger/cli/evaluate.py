"""`claimledger evaluate`: accuracy on a public corpus or on reference ledgers, with the standard metrics."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from claimledger.cli.output import progress_bar
from claimledger.errors import ClaimLedgerError
from claimledger.evaluation import (
    COLUMNS,
    Report,
    evaluate_newsquant,
    evaluate_polnear,
    evaluate_references,
    evaluate_timeml,
)
from claimledger.extraction import Extractor

DATASETS = {
    "polnear": "PolNeAR attributions in brat standoff: DATA holds data/{train,dev,test}/, data/metadata.tsv",
    "timeml": "TimeML documents (TempEval-3): every .tml file under DATA",
    "newsquant": "NewsQuant quantities: DATA is the NewsQuant JSON file",
    "gold": "reference ledgers: DATA is one NAME.json beside NAME.txt, or a folder of such pairs",
}


def add_evaluate(commands: argparse._SubParsersAction) -> None:
    evaluate = commands.add_parser(
        "evaluate",
        help="measure accuracy on a corpus in a standard format",
        description="Run extraction over a labelled corpus and print the standard metrics of its field.",
    )
    evaluate.add_argument(
        "dataset", choices=DATASETS, help="; ".join(f"{k}: {v}" for k, v in DATASETS.items())
    )
    evaluate.add_argument("data", metavar="DATA", type=Path, help="where the corpus is (see DATASET)")
    evaluate.add_argument("--split", default="dev", help="polnear: which split to score (default: dev)")
    evaluate.add_argument(
        "--all-levels",
        action="store_true",
        help="polnear: also score nested attributions (PolNeAR annotates only the outermost one)",
    )
    evaluate.add_argument(
        "--model", metavar="NAME", help="an installed spaCy pipeline (default: en_core_web_sm)"
    )
    evaluate.add_argument("--json", metavar="FILE", type=Path, help="also write every metric and count here")
    evaluate.set_defaults(run=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    if not args.data.exists():
        raise ClaimLedgerError(
            f"{args.data} does not exist: give the folder or file of the {args.dataset} data"
        )
    extractor = Extractor(args.model)
    with progress_bar(f"evaluate {args.dataset}") as bar:
        task = bar.add_task(f"evaluate {args.dataset}", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = evaluate(args, extractor, progress)
    show(report)
    if args.json:
        args.json.write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")
    return 0


def evaluate(args: argparse.Namespace, extractor: Extractor, progress) -> Report:
    if args.dataset == "polnear":
        return evaluate_polnear(
            args.data, args.split, extractor, progress, top_level_only=not args.all_levels
        )
    if args.dataset == "timeml":
        return evaluate_timeml(args.data, extractor, progress)
    if args.dataset == "newsquant":
        return evaluate_newsquant(args.data, extractor, progress)
    return evaluate_references(args.data, extractor, progress)


def show(report: Report) -> None:
    sizes = {
        k: v for k, v in report.counts.items() if not k.endswith(("_hits", "_total"))
    }  # the rest: --json
    counts = ", ".join(f"{k} {v}" for k, v in sizes.items())
    table = Table(*COLUMNS, title=f"{report.dataset} ({counts})")
    for row in report.rows():
        table.add_row(*row)
    Console().print(table)
