"""Find quotations in raw text, whatever marks the outlet uses.

Works on characters, not tokens, because tokenizers split quote marks
inconsistently and a quotation may span sentences and paragraphs. Unbalanced
marks and ‘ used as an apostrophe ("Moscow‘s") are common in news copy: they
are skipped, never an error.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from claimledger.annotations import Span

# opening mark -> closing marks it accepts
PAIRS = {
    "“": '”"',
    "„": '“”"',
    "«": "»",
    "‹": "›",
    "「": "」",
    '"': '"”',
    "‘": "’'",
    "'": "'’",
}
SINGLE_MARKS = "‘'’"
DOUBLED = "''"  # two apostrophes for a double quotation mark
DECADE = re.compile(r"\d0s\b")
# a quotation longer than this is a missing closing mark, not a quote
MAX_QUOTE_CHARS = 3000


def _is_apostrophe(text: str, i: int) -> bool:
    """A single mark between letters ("Moscow‘s", "don't"), after a plural ("officials' ") or
    before a decade ("the '50s", "’70s")."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if DECADE.match(text, i + 1):
        return True
    return before.isalnum() and (after.isalnum() or after.isspace() or after in ".,;:!?")


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() and not _spaced_from_inner_mark(text, i, +1):
        return False
    if text[i] in SINGLE_MARKS or text[i] == '"':
        return not before.isalnum()
    return True


def _can_close(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in SINGLE_MARKS:
        return not after.isalnum()
    return True


def _spaced_from_inner_mark(text: str, i: int, step: int) -> bool:
    """A double mark set off by a space from the single mark of a quote inside it (\" 'A' \"),
    as American news copy writes it; `step` is +1 after an opening mark, -1 before a closing one."""
    j = i + 2 * step
    return text[i] in '"”“' and 0 <= j < len(text) and text[i + step] == " " and text[j] in SINGLE_MARKS


def find_quotes(text: str) -> list[Span]:
    """Outermost quotations, marks included, in text order; nested quotes stay inside their outer one."""
    quotes: list[Span] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if text.startswith(DOUBLED, i) and _can_open(text, i + 1):
            end = _closing_doubled(text, i)
            if end is not None:
                quotes.append(Span(i, end))
                i = end
                continue
        if ch in PAIRS and _can_open(text, i) and not (ch in SINGLE_MARKS and _is_apostrophe(text, i)):
            end = _closing(text, i)
            if end is not None:
                quotes.append(Span(i, end))
                i = end
                continue
        i += 1
    return quotes


def _closing_doubled(text: str, start: int) -> int | None:
    """End of a quotation marked by two apostrophes on each side (''like this''), as old newspaper
    archives write a double quotation mark; a next paragraph must re-open it to go on."""
    limit = min(len(text), start + MAX_QUOTE_CHARS)
    i = start + 2
    while i < limit - 1:
        if text.startswith(DOUBLED, i) and not text[i - 1].isspace():
            return i + 2
        if text[i] == "\n":
            while i < limit and text[i].isspace():
                i += 1
            if not text.startswith(DOUBLED, i):
                return None
            i += 2
            continue
        i += 1
    return None


def _closing(text: str, start: int) -> int | None:
    """End (exclusive) of the quotation opened at `start`, or None when it never closes properly."""
    closers = PAIRS[text[start]]
    single = text[start] in SINGLE_MARKS
    limit = min(len(text), start + MAX_QUOTE_CHARS)
    i = start + 1
    while i < limit:
        ch = text[i]
        if (
            ch in closers
            and i > start + 1
            and _can_close(text, i)
            and (not text[i - 1].isspace() or _spaced_from_inner_mark(text, i, -1))
        ):
            return i + 1
        if ch == "\n":
            # news style: a quotation that goes on into the next paragraph re-opens it there
            if single or i + 1 >= limit or text[i + 1] != text[start]:
                return None
            i += 1
        i += 1
    return None


class Quotations:
    """The quotations of a text, to iterate over or to ask whether a position lies inside one.

    Outermost quotations never overlap, so a binary search over their starts answers.
    """

    def __init__(self, text: str):
        self.spans = find_quotes(text)
        self.starts = [q.start for q in self.spans]

    def __iter__(self) -> Iterator[Span]:
        return iter(self.spans)

    def holds(self, position: int) -> bool:
        i = bisect_right(self.starts, position) - 1
        return i >= 0 and self.spans[i].start < position < self.spans[i].end
