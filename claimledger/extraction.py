"""The Python API: text in, article records out."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.annotations import register_extensions
from claimledger.pipeline import COMPONENTS, load
from claimledger.record import ArticleMeta, build_record

# The parser's memory grows with the length of what it parses at once (about 3 kB a character), so a
# text longer than this is parsed in pieces of at most this many characters, cut at line breaks where
# it can be. News articles are shorter and parse whole; a cut between paragraphs changes the parse
# of the paragraphs around it only slightly.
PIECE_CHARS = 20_000


class Extractor:
    """Holds one loaded pipeline and turns articles into records."""

    def __init__(self, model: str | None = None, nlp: Language | None = None, piece_chars: int = PIECE_CHARS):
        register_extensions()
        self.nlp = nlp or load(model)
        self.piece_chars = min(piece_chars, self.nlp.max_length)
        self.stages = [(name, stage) for name, stage in self.nlp.pipeline if name in COMPONENTS]

    def extract(self, text: str, meta: ArticleMeta | None = None) -> dict:
        return next(self.extract_many([(text, meta or ArticleMeta())]))

    def extract_many(
        self, articles: Iterable[tuple[str, ArticleMeta]], batch_size: int = 16
    ) -> Iterator[dict]:
        """Records in input order. The model parses texts in batches, as spaCy's nlp.pipe does, and
        a long text in pieces joined again into one Doc, over which claimledger's stages then run."""
        pending: deque[tuple[ArticleMeta, int]] = deque()

        def pieces() -> Iterator[str]:
            for text, meta in articles:
                parts = split_text(normalize_newlines(text), self.piece_chars)
                pending.append((meta, len(parts)))
                yield from parts

        stage_names = [name for name, _ in self.stages]
        parsed = self.nlp.pipe(pieces(), batch_size=batch_size, disable=stage_names)
        for first in parsed:
            meta, count = pending.popleft()
            doc = (
                first
                if count == 1
                else Doc.from_docs([first, *islice(parsed, count - 1)], ensure_whitespace=False)
            )
            doc._.published = meta.published
            for _, stage in self.stages:
                doc = stage(doc)
            yield build_record(doc, meta, self.nlp)


def split_text(text: str, size: int = PIECE_CHARS) -> list[str]:
    """Pieces of at most `size` characters that join back into `text`: each ends after its last
    line break, else after its last sentence end or space, else (no space at all) at `size`."""
    pieces = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        end = start + next(
            (at + len(mark) for mark in ("\n", ". ", " ") if (at := window.rfind(mark)) > 0), size
        )
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n")


@lru_cache(maxsize=4)
def default_extractor(model: str | None = None) -> Extractor:
    return Extractor(model)


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    url: str | None = None,
    title: str | None = None,
    model: str | None = None,
) -> dict:
    """The article record (claimledger.article/1) for one plain-text article."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return default_extractor(model).extract(text, ArticleMeta(title=title, url=url, published=published))
