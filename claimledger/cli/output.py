"""What every command prints the same way: rows as a terminal table, JSON or CSV, and progress."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from claimledger.cells import cell, write_csv

PROG = "claimledger"
ROW_FORMATS = ("table", "json", "csv")


def print_rows(
    rows: Sequence[dict], output_format: str, title: str | None = None, shown: Sequence[str] = ()
) -> None:
    """Rows of one query: a rich table of the `shown` columns for people (all when none are named),
    every column as JSON or CSV for programs (nested values as JSON)."""
    if output_format == "json":
        json.dump(list(rows), sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
        return
    if output_format == "csv":
        write_csv(rows, sys.stdout)
        return
    columns = list(dict.fromkeys(key for row in rows for key in row))
    columns = [c for c in shown if c in columns] or columns
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(escape(cell(row.get(column))) for column in columns))  # "[Ukrainians]" is text
    Console().print(table if rows else f"{title or 'nothing'}: no rows")


@contextmanager
def progress_bar(description: str) -> Iterator[Progress]:
    """A bar with counts, time spent and time left on stderr, so stdout stays clean for results."""
    console = Console(stderr=True)
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,  # a log file gets the results, not bar frames
    )
    with bar:
        yield bar
