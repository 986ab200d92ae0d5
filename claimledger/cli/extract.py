"""`claimledger extract`: one article or a corpus in, records out."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from rich.console import Console

from claimledger.cli.output import PROG
from claimledger.errors import ClaimLedgerError
from claimledger.extraction import Extractor
from claimledger.inputs import DEFAULT_MAX_BYTES, FORMATS, Article, BadLine, parse_date, read_input
from claimledger.record import ArticleMeta
from claimledger.table import view

OUTPUT_FORMATS = ("json", "jsonl", "table")


def add_extract(commands: argparse._SubParsersAction) -> None:
    extract = commands.add_parser(
        "extract",
        help="extract the ledger of one article, or of each article of a JSON Lines corpus",
        description="Extract the ledger of one article (plain text or HTML), or of each line of a "
        'JSON Lines corpus ({"id", "text" or "html", "title", "url", "published"} per line).',
    )
    extract.add_argument("file", metavar="FILE", help='the input file, or "-" for standard input')
    extract.add_argument(
        "--input-format",
        choices=FORMATS,
        help="how to read FILE (default: from its extension, else from its content)",
    )
    extract.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        help="json: one record (an array of them for a corpus); jsonl: one record per line; "
        "table: a view for the terminal (default: json for one article, jsonl for a corpus)",
    )
    extract.add_argument("--published", type=date, metavar="YYYY-MM-DD", help="the publication date")
    extract.add_argument("--url", help="where the article was published")
    extract.add_argument("--title", help="the article's title")
    extract.add_argument(
        "--model", metavar="NAME", help="an installed spaCy pipeline (default: en_core_web_sm)"
    )
    extract.add_argument(
        "--max-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse an article (or corpus line) longer than N bytes (default: {DEFAULT_MAX_BYTES:,})",
    )
    extract.epilog = (
        "For one article, --published, --url and --title override what an HTML page says; "
        "for a corpus they fill in what a line leaves out."
    )
    extract.set_defaults(run=run_extract)


def run_extract(args: argparse.Namespace) -> int:
    given = ArticleMeta(title=args.title, url=args.url, published=args.published)
    input_format, items = read_input(args.file, args.input_format, args.max_bytes, given)
    corpus = input_format == "jsonl"
    tally = Tally()
    on_error = tally.extraction_failed if corpus and not os.environ.get("CLAIMLEDGER_TRACEBACK") else None
    records = Extractor(args.model).extract_many(tally.articles(items), on_error=on_error)
    write(records, args.format or ("jsonl" if corpus else "json"), corpus, sys.stdout)
    if tally.failed:
        raise ClaimLedgerError(f"{tally.failed} of {tally.lines} lines failed")
    if corpus and not tally.lines:
        raise ClaimLedgerError(f"{args.file} holds no articles")
    return 0


class Tally:
    """Passes the good articles on, reports each bad corpus line on stderr as it comes, and counts."""

    def __init__(self) -> None:
        self.lines = 0
        self.failed = 0

    def articles(self, items: Iterable[Article | BadLine]) -> Iterator[tuple[str, ArticleMeta]]:
        for item in items:
            self.lines += 1
            if isinstance(item, BadLine):
                self.failed += 1
                print(f"{PROG}: line {item.number}: {item.message}", file=sys.stderr)
            else:
                yield item.text, item.meta

    def extraction_failed(self, meta: ArticleMeta, error: Exception) -> None:
        """A bug of ours on one article: its record keeps the text with nothing found, the rest go on."""
        self.failed += 1
        article = f"article {meta.id!r}" if meta.id else "an article"
        print(
            f"{PROG}: {article}: internal error: {type(error).__name__}: {error}. Its record lists nothing "
            "found; this is a bug in claimledger: please report it with the article "
            "(CLAIMLEDGER_TRACEBACK=1 stops there and shows where it happened).",
            file=sys.stderr,
        )


def write(records: Iterator[dict], output_format: str, many: bool, out: TextIO) -> None:
    """Each record as soon as it is made, so a corpus streams through in constant memory."""
    if output_format == "table":
        console = Console(file=out)
        for record in records:
            console.print(view(record))
    elif output_format == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif many:
        out.write("[")
        for number, record in enumerate(records):
            out.write(("\n" if number == 0 else ",\n") + json.dumps(record, ensure_ascii=False, indent=2))
        out.write("\n]\n")
    else:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")


def date(value: str) -> dt.date:
    try:
        return parse_date(value)
    except ClaimLedgerError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number of bytes, got {value!r}")
    return number
