"""One value as the text of a table cell, for people and for spreadsheets."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import Any, TextIO

# A spreadsheet runs a cell that opens with one of these as a formula ("CSV injection"): a quoted
# "=HYPERLINK(...)" in an article must stay text when a user opens the export.
FORMULA_OPENERS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """Text as it is, nested values (lists, dicts) as JSON, None as nothing."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def csv_cell(value: Any) -> str:
    """A cell for a CSV file: text that a spreadsheet would run as a formula gets a leading
    apostrophe, which spreadsheets show as text; numbers (a figure of -5) stay numbers."""
    text = cell(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_OPENERS) else text


def write_csv(rows: Sequence[dict], out: TextIO) -> None:
    """Rows as CSV under a header of every key any row has, each cell a csv_cell."""
    writer = csv.DictWriter(out, fieldnames=list(dict.fromkeys(key for row in rows for key in row)))
    writer.writeheader()
    writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in rows)
