"""Reading articles from files or stdin: plain text, HTML or JSON Lines, checked before extraction.

Bad input must become one clear sentence, never a traceback, and must be refused before it
costs memory: a single article is size-checked before it is read whole, a corpus line by line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import trafilatura

from claimledger.errors import ClaimLedgerError
from claimledger.record import ArticleMeta

FORMATS = ("text", "html", "jsonl")
DEFAULT_MAX_BYTES = 10_000_000
STDIN = "-"

EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html", ".xhtml": "html"}
HTML_START = re.compile(rb"\s*<(?:!doctype\s+html|html|head|body|article|main|div|p|meta|title)\b", re.I)
JSONL_START = re.compile(rb"\s*\{\s*\"")
SNIFF_BYTES = 1024
# Control characters other than tab, line and page breaks: a text with many of them is not prose.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01


@dataclass
class Article:
    text: str
    meta: ArticleMeta


@dataclass
class BadLine:
    """A corpus line that could not be read; the lines around it still are."""

    number: int
    message: str


def read_input(
    path: str,
    input_format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    given: ArticleMeta | None = None,
) -> tuple[str, Iterator[Article | BadLine]]:
    """The input's format (as given, else detected) and its articles; "-" reads stdin.

    A text or HTML input is one article, read and checked now, and what `given` says wins over
    what the page says. A JSON Lines corpus is read lazily, line by line, each line an object with
    "text" or "html" and optionally "id", "title", "url", "outlet", "published"; `given` fills in
    what a line leaves out, and a line that is not an article becomes a BadLine.
    """
    given = given or ArticleMeta()
    stream = open_input(path)
    input_format = input_format or detect_format(path, stream)
    if input_format == "jsonl":
        return input_format, corpus(stream, max_bytes, given)
    with stream:
        data = read_capped(path, stream, max_bytes)
    check_not_binary(path, data)
    if input_format == "html":
        page = from_html(path, data)
        return input_format, iter([Article(page.text, fill(given, page.meta))])
    return input_format, iter([Article(checked_text(path, decode(path, data)), given)])


def corpus(stream: BinaryIO, max_bytes: int, defaults: ArticleMeta) -> Iterator[Article | BadLine]:
    with stream:
        for number, line in enumerate(capped_lines(stream, max_bytes), start=1):
            if line is None:
                yield BadLine(number, f"longer than the limit of {max_bytes:,} bytes (see --max-bytes)")
            elif line.strip():
                try:
                    article = from_json_line(line)
                except ClaimLedgerError as error:
                    yield BadLine(number, str(error))
                else:
                    yield Article(article.text, fill(article.meta, defaults))


def open_input(path: str) -> BinaryIO:
    """A buffered binary stream of the file, or of stdin for "-" (which closing it leaves open)."""
    try:
        if path == STDIN:
            return open(sys.stdin.fileno(), "rb", closefd=False)
        return open(path, "rb")
    except FileNotFoundError:
        raise ClaimLedgerError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ClaimLedgerError(f"{path} is a directory, not a file") from None
    except PermissionError:
        raise ClaimLedgerError(f"{path}: permission denied") from None
    except OSError as error:
        raise ClaimLedgerError(f"cannot read {name(path)}: {error.strerror}") from None


def detect_format(path: str, stream: BinaryIO) -> str:
    """From the file extension, else from how the content starts; plain text when neither says."""
    by_extension = EXTENSIONS.get(Path(path).suffix.lower())
    if by_extension:
        return by_extension
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    if HTML_START.match(head):
        return "html"
    if JSONL_START.match(head):
        return "jsonl"
    return "text"


def read_capped(path: str, stream: BinaryIO, max_bytes: int) -> bytes:
    """The whole input, refused before reading when the file (or what stdin sends) exceeds max_bytes."""
    if path != STDIN and os.fstat(stream.fileno()).st_size > max_bytes:
        raise too_big(path, max_bytes)
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_big(path, max_bytes)
    return data


def too_big(path: str, max_bytes: int) -> ClaimLedgerError:
    return ClaimLedgerError(
        f"{name(path)} is larger than the limit of {max_bytes:,} bytes; "
        "raise the limit with --max-bytes if this really is one article"
    )


def capped_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Each line, or None for a line over max_bytes, which is skipped without being held in memory."""
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
            pass
        yield None


def check_not_binary(path: str, data: bytes) -> None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or looks_like_utf16(data[:SNIFF_BYTES]):
        raise ClaimLedgerError(f"{name(path)} is UTF-16 encoded; convert it to UTF-8")
    if b"\x00" in data:
        raise ClaimLedgerError(
            f"{name(path)} looks like a binary file (it contains NUL bytes), not an article"
        )


def looks_like_utf16(head: bytes) -> bool:
    """UTF-16 without a byte-order mark: Latin-script text leaves a NUL in every other byte."""
    even, odd = head[0::2], head[1::2]
    return (
        len(head) >= 8
        and min(even.count(0), odd.count(0)) == 0
        and max(even.count(0), odd.count(0)) >= 0.8 * len(odd)
    )


def decode(path: str, data: bytes) -> str:
    """UTF-8 text (a leading byte-order mark dropped), with the offset of the first bad byte if it is not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ClaimLedgerError(
            f"{name(path)} is not UTF-8 text: byte 0x{data[error.start]:02x} at byte offset {error.start} "
            "cannot be decoded; convert the file to UTF-8"
        ) from None


def checked_text(where: str, text: str) -> str:
    if not text:
        raise ClaimLedgerError(f"{name(where)} is empty")
    if not text.strip():
        raise ClaimLedgerError(f"{name(where)} holds only whitespace")
    if len(CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise ClaimLedgerError(
            f"{name(where)} looks like a binary file (many control characters), not an article"
        )
    return text


def from_html(where: str, html: bytes | str) -> Article:
    """The main text and metadata of a news page, as trafilatura finds them."""
    page = trafilatura.bare_extraction(html, with_metadata=True)
    if page is None or not (page.text or "").strip():
        raise ClaimLedgerError(f"{name(where)}: found no article text in the HTML")
    meta = ArticleMeta(
        title=page.title or None,
        url=page.url or None,
        outlet=page.sitename or page.hostname or None,
        published=parse_date(page.date) if page.date else None,
    )
    # The headline is metadata; left in the text it would run, unpunctuated, into the first sentence.
    headline, _, body = page.text.partition("\n")
    if body.strip() and page.title and headline.strip() == page.title.strip():
        return Article(body, meta)
    return Article(page.text, meta)


def from_json_line(line: bytes) -> Article:
    """One corpus line; raises ClaimLedgerError saying what is wrong with it."""
    text = decode("the line", line)
    try:
        row = json.loads(text)
    except json.JSONDecodeError as error:
        # json's messages can end in "at" ("Unterminated string starting at"): say it once.
        raise ClaimLedgerError(
            f"not valid JSON ({error.msg.removesuffix(' at')} at column {error.colno})"
        ) from None
    if not isinstance(row, dict):
        raise ClaimLedgerError(f"expected a JSON object, found {type(row).__name__}")
    return from_row(row)


def from_row(row: dict) -> Article:
    """One corpus row (a JSON line's object, a Parquet row): "text" or "html" and metadata; raises
    ClaimLedgerError saying what is wrong with it."""
    for key in ("id", "text", "html", "title", "url", "outlet", "published"):
        value = row.get(key)
        if value is not None and not isinstance(value, str) and not (key == "id" and isinstance(value, int)):
            raise ClaimLedgerError(f'"{key}" must be a string, found {type(value).__name__}')
    meta = ArticleMeta(
        id=None if row.get("id") is None else str(row["id"]),
        title=row.get("title"),
        url=row.get("url"),
        outlet=row.get("outlet"),
        published=parse_date(row["published"]) if row.get("published") else None,
    )
    if row.get("text") is not None:
        return Article(checked_text('"text"', row["text"]), meta)
    if row.get("html") is not None:
        page = from_html('"html"', row["html"])
        return Article(page.text, fill(meta, page.meta))
    raise ClaimLedgerError('the line has neither "text" nor "html"')


def parse_date(value: str) -> dt.date:
    """A publication date from YYYY-MM-DD or an ISO 8601 timestamp (whose date part is kept)."""
    try:
        return dt.datetime.fromisoformat(value.strip()).date()
    except ValueError:
        raise ClaimLedgerError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


def fill(meta: ArticleMeta, defaults: ArticleMeta) -> ArticleMeta:
    """`meta` with its unknown (None) fields taken from `defaults`."""
    missing = {
        field.name: getattr(defaults, field.name)
        for field in dataclasses.fields(meta)
        if getattr(meta, field.name) is None
    }
    return dataclasses.replace(meta, **missing)


def name(path: str) -> str:
    return "standard input" if path == STDIN else path
