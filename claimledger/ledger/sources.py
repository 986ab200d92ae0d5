"""What `ingest` reads: files, folders, JSON Lines corpora, URLs and RSS/Atom feeds, as articles.

Each source yields articles with the location they were found at (a URL, a file URI, a corpus
id), or a failure saying why it could not be read; one bad source never stops the others.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from claimledger.errors import ClaimLedgerError
from claimledger.inputs import Article, BadLine, checked_text, decode, fill, from_html, read_input
from claimledger.ledger import fetch
from claimledger.record import ArticleMeta

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})


@dataclass
class Found:
    text: str
    meta: ArticleMeta
    location: str | None


@dataclass
class Failed:
    where: str
    reason: str


def read_sources(sources: Iterable[str], http: httpx.Client) -> Iterator[Found | Failed]:
    for source in sources:
        try:
            yield from read_source(str(source), http)
        except ClaimLedgerError as error:
            yield Failed(str(source), str(error))


def read_source(source: str, http: httpx.Client) -> Iterator[Found | Failed]:
    if source.startswith(("http://", "https://")):
        yield from read_url(source, http)
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(
            file
            for file in path.rglob("*")
            if file.is_file()
            and not any(part.startswith(".") for part in file.relative_to(path).parts)
            and file.suffix.lower() in ARTICLE_SUFFIXES | FEED_SUFFIXES
        )
        if not files:
            raise ClaimLedgerError(f"{source}: no article files (.txt, .html, .jsonl, feeds) in the folder")
        for file in files:
            try:
                yield from read_file(file, http)
            except ClaimLedgerError as error:
                yield Failed(str(file), str(error))
        return
    yield from read_file(path, http)


def read_file(path: Path, http: httpx.Client) -> Iterator[Found | Failed]:
    if path.suffix.lower() in FEED_SUFFIXES:
        if not path.is_file():
            raise ClaimLedgerError(f"{path}: no such file")
        yield from read_feed(str(path), path.read_bytes(), http)
        return
    input_format, articles = read_input(str(path))
    for item in articles:
        if isinstance(item, BadLine):
            yield Failed(f"{path}:{item.number}", item.message)
        elif input_format == "jsonl":
            yield Found(item.text, item.meta, item.meta.url or corpus_location(path, item))
        else:
            yield Found(item.text, item.meta, item.meta.url or path.resolve().as_uri())


def corpus_location(path: Path, article: Article) -> str | None:
    """A corpus line is found again by its id; without one it has no stable place."""
    return f"{path.resolve().as_uri()}#{article.meta.id}" if article.meta.id else None


def read_url(url: str, http: httpx.Client) -> Iterator[Found | Failed]:
    page = fetch.fetch(http, url)
    if page.is_feed:
        yield from read_feed(url, page.body, http)
    else:
        yield page_article(page, ArticleMeta(url=page.url))


def page_article(page: fetch.Page, given: ArticleMeta) -> Found:
    """The article of a fetched page; what `given` says (from a feed entry) wins over the page."""
    if page.content_type == "text/plain":
        return Found(checked_text(page.url, decode(page.url, page.body)), given, page.url)
    article = from_html(page.url, page.body)
    meta = fill(given, article.meta)
    return Found(article.text, dataclasses.replace(meta, url=given.url or page.url), given.url or page.url)


def read_feed(where: str, body: bytes, http: httpx.Client) -> Iterator[Found | Failed]:
    """Each entry's page, fetched; an entry that fails is reported and the others go on."""
    for entry in fetch.feed_entries(where, body):
        try:
            page = fetch.fetch(http, entry.url)
            yield page_article(page, ArticleMeta(url=entry.url, title=entry.title, published=entry.published))
        except ClaimLedgerError as error:
            yield Failed(entry.url, str(error))
