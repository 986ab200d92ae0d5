"""The Python API: text in, article records out."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import chain, islice

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.annotations import register_extensions
from claimledger.pieces import Joiner
from claimledger.pipeline import COMPONENTS, load, model_name
from claimledger.record import Annotated, ArticleMeta, make_record

# The parser's memory grows with the length of what it parses at once (about 3 kB a character), and
# linking entities and statements with the length squared, so a text longer than this is parsed and
# annotated in pieces of at most this many characters, cut at line breaks where it can be. News
# articles are shorter and are read whole; a cut between paragraphs changes little around it.
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
        self,
        articles: Iterable[tuple[str, ArticleMeta]],
        batch_size: int = 16,
        on_error: Callable[[ArticleMeta, Exception], None] | None = None,
    ) -> Iterator[dict]:
        """Records in input order. The model parses texts in batches, as spaCy's nlp.pipe does; a long
        text is parsed and annotated in pieces whose annotations are then joined (claimledger.pieces).
        With `on_error`, an article a stage fails on is told to it and gets a record with its text
        and nothing found, so one bad article does not cost a corpus its other records."""
        pending: deque[tuple[ArticleMeta, str, int]] = deque()

        def pieces() -> Iterator[str]:
            for text, meta in articles:
                text = normalize_newlines(text)
                parts = split_text(text, self.piece_chars)
                pending.append((meta, text, len(parts)))
                yield from parts

        stage_names = [name for name, _ in self.stages]
        parsed = self.nlp.pipe(pieces(), batch_size=batch_size, disable=stage_names)
        model = model_name(self.nlp)
        for first in parsed:
            meta, text, count = pending.popleft()
            docs = list(chain([first], islice(parsed, count - 1)))
            try:
                found = self._annotated(docs, meta)
            except Exception as error:
                if on_error is None:
                    raise
                on_error(meta, error)
                found = Annotated(text)
            yield make_record(found, meta, model)

    def _annotated(self, docs: list[Doc], meta: ArticleMeta) -> Annotated:
        if len(docs) == 1:
            return Annotated.of(self._annotate(docs[0], meta))
        joiner = Joiner()
        for piece in docs:
            joiner.add(self._annotate(piece, meta))
        return joiner.joined()

    def _annotate(self, doc: Doc, meta: ArticleMeta) -> Doc:
        doc._.published = meta.published
        for _, stage in self.stages:
            doc = stage(doc)
        return doc


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
