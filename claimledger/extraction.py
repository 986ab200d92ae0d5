"""The Python API: text in, article records out."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language

from claimledger.annotations import register_extensions
from claimledger.pipeline import load
from claimledger.record import ArticleMeta, build_record


class Extractor:
    """Holds one loaded pipeline and turns articles into records."""

    def __init__(self, model: str | None = None, nlp: Language | None = None):
        register_extensions()
        self.nlp = nlp or load(model)

    def extract(self, text: str, meta: ArticleMeta | None = None) -> dict:
        return next(self.extract_many([(text, meta or ArticleMeta())]))

    def extract_many(self, articles: Iterable[tuple[str, ArticleMeta]], batch_size: int = 16) -> Iterator[dict]:
        """Records in input order; texts are parsed in batches as spaCy's nlp.pipe does."""
        pending: list[ArticleMeta] = []

        def docs():
            for text, meta in articles:
                doc = self.nlp.make_doc(normalize_newlines(text))
                doc._.published = meta.published
                pending.append(meta)
                yield doc

        for doc in self.nlp.pipe(docs(), batch_size=batch_size):
            yield build_record(doc, pending.pop(0), self.nlp)


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
