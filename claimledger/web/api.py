"""The HTTP API under /api: extract, ingest, and the ledger's queries with filters and pages.

An article comes in as one line of a JSON Lines corpus does for `claimledger extract` ("text" or
"html", and "id", "title", "url", "outlet", "published"), or as a URL to fetch ("fetch"), which
the server fetches from public addresses only unless started with --allow-private-fetch.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, model_validator

from claimledger.errors import ClaimLedgerError
from claimledger.inputs import Article, from_row, parse_date
from claimledger.ledger import fetch
from claimledger.ledger.articles import article_record, articles
from claimledger.ledger.corrections import correct, corrections
from claimledger.ledger.facets import faceted_search
from claimledger.ledger.grouping import group_pending
from claimledger.ledger.queries import figures, sources
from claimledger.ledger.reconcile import reconcile
from claimledger.ledger.sources import page_article
from claimledger.ledger.store import Ledger
from claimledger.ledger.write import Written, write_record
from claimledger.record import ArticleMeta
from claimledger.web.app import Reader, Settings
from claimledger.web.security import require_token

router = APIRouter(prefix="/api", tags=["api"])
MAX_LIMIT = 500
Limit = Query(50, ge=1, le=MAX_LIMIT, description=f"rows per page (at most {MAX_LIMIT})")
Offset = Query(0, ge=0, description="rows to skip: the previous page's next_offset")
Month = Query(None, pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
Certainty = Literal["certain", "probable", "possible", "unknown"]


class ClaimFilters:
    """Words and facets that narrow claims down, as query parameters (API and search page alike)."""

    def __init__(
        self,
        q: str | None = Query(None, description="words in the claim or its source"),
        source: str | None = Query(None, description="who said it (name or alias)"),
        entity: str | None = Query(None, description="an entity the claim mentions"),
        outlet: str | None = None,
        month: str | None = Month,
        certainty: Certainty | None = None,
    ):
        self.q = q or None
        self.facets = {
            "source": source,
            "entity": entity,
            "outlet": outlet,
            "month": month,
            "certainty": certainty,
        }


Filters = Annotated[ClaimFilters, Depends()]


class ArticleIn(BaseModel):
    """One article: its text, its HTML, or a URL to fetch it from; and what is known about it."""

    text: str | None = None
    html: str | None = None
    fetch: str | None = Field(None, description="an http(s) URL to fetch the article from")
    id: str | None = None
    title: str | None = None
    url: str | None = Field(None, description="where it was published (metadata; nothing is fetched)")
    outlet: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD: what relative times resolve against")

    @model_validator(mode="after")
    def one_input(self) -> ArticleIn:
        given = [name for name in ("text", "html", "fetch") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError('give exactly one of "text", "html" or "fetch"')
        return self


class IngestIn(ArticleIn):
    store_text: bool = Field(True, description="false: keep offsets and short evidence, not the text")


class CorrectionIn(BaseModel):
    target_type: Literal["attribution", "figure", "entity"]
    target: str = Field(description="the ledger id of the attribution, figure or entity")
    action: Literal["accept", "edit", "reject", "merge", "split"]
    changes: dict[str, Any] = Field(default_factory=dict, description="edit: fields; merge: into; split")
    author: str = Field(min_length=1, max_length=200)
    note: str | None = Field(None, max_length=2000)


def page(items: list, limit: int, offset: int) -> dict:
    return {
        "items": items,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(items) == limit else None,
    }


def read_article(settings: Settings, given: ArticleIn) -> tuple[Article, str | None]:
    """The article to extract and where it was found (the fetched URL, else its url)."""
    if given.fetch is None:
        article = from_row(
            given.model_dump(include={"id", "text", "html", "title", "url", "outlet", "published"})
        )
        return article, article.meta.url
    meta = ArticleMeta(
        id=given.id,
        title=given.title,
        url=given.url,
        outlet=given.outlet,
        published=parse_date(given.published) if given.published else None,
    )
    with fetch.client(
        public_only=not settings.allow_private_fetch, transport=settings.http_transport
    ) as http:
        fetched = fetch.fetch(http, given.fetch)
    if fetched.is_feed:
        raise ClaimLedgerError(
            f"{given.fetch} is a feed, not an article: ingest feeds with `claimledger ingest`"
        )
    found = page_article(fetched, meta)
    return Article(found.text, found.meta), found.location


def extract_article(settings: Settings, given: ArticleIn) -> tuple[dict, str | None]:
    article, location = read_article(settings, given)
    return settings.extract(article.text, article.meta), location


async def extracted(request: Request, given: ArticleIn) -> tuple[dict, str | None]:
    if given.fetch is not None:
        await require_token(request)  # fetching on a stranger's behalf is a capability, like writing
    return await run_in_threadpool(extract_article, request.app.state.settings, given)


async def write(request: Request, job: Any) -> Any:
    """Run job(ledger) on the writer thread and wait for it without holding this event loop."""
    return await asyncio.wrap_future(request.app.state.writer.submit(job))


def store(settings: Settings, record: dict, location: str | None, store_text: bool) -> Any:
    """The writer's job for one record: what `ingest` does for each article it extracts."""

    def job(ledger: Ledger) -> Written:
        written = write_record(ledger, record, location=location, store_text=store_text)
        if written.status == "ingested":
            group_pending(ledger, settings.embedder)
            reconcile(ledger)
        return written

    return job


@router.post("/extract", summary="Extract an article's record without storing it")
async def api_extract(request: Request, given: ArticleIn) -> dict:
    """The record (claimledger.article/1), as `claimledger extract` prints it."""
    record, _ = await extracted(request, given)
    return record


@router.post("/articles", status_code=201, dependencies=[Depends(require_token)], summary="Ingest an article")
async def api_ingest(request: Request, response: Response, given: IngestIn) -> dict:
    """Extract and store one article (201); a text the ledger holds already changes nothing (200)."""
    record, location = await extracted(request, given)
    written = await write(request, store(request.app.state.settings, record, location, given.store_text))
    if written.status == "unchanged":
        response.status_code = 200
    return {
        "id": written.article,
        "status": written.status,
        "duplicate_of": written.duplicate_of,
        "page": f"/articles/{written.article}",
    }


@router.get("/articles", summary="Articles, newest first")
def api_articles(
    ledger: Reader,
    outlet: str | None = None,
    month: str | None = Month,
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    return page(articles(ledger, outlet=outlet, month=month, limit=limit, offset=offset), limit, offset)


@router.get("/articles/{article_id}", summary="One article as a record, corrections applied")
def api_article(article_id: str, ledger: Reader) -> dict:
    record = article_record(ledger, article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r} in the ledger")
    return record


@router.get("/attributions", summary="Attributed claims, newest first")
def api_attributions(ledger: Reader, filters: Filters, limit: int = Limit, offset: int = Offset) -> dict:
    found = faceted_search(
        ledger, filters.q, filters=filters.facets, limit=limit, offset=offset, with_facets=False
    )
    return page(found["claims"], limit, offset)


@router.get("/sources", summary="Who is cited, how often, on what, how hedged")
def api_sources(ledger: Reader, limit: int = Limit, offset: int = Offset) -> dict:
    return page(sources(ledger, limit=offset + limit)[offset:], limit, offset)


@router.get("/figures", summary="Reconciled figures: each question's estimates by source")
def api_figures(
    ledger: Reader,
    about: str | None = Query(None, description="words of the question's title, owner, place or unit"),
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    return page(figures(ledger, about=about, limit=offset + limit)[offset:], limit, offset)


@router.get("/search", summary="Full-text search over claims and articles, with facets")
def api_search(ledger: Reader, filters: Filters, limit: int = Limit, offset: int = Offset) -> dict:
    found = faceted_search(ledger, filters.q, filters=filters.facets, limit=limit, offset=offset)
    return page(found.pop("claims"), limit, offset) | found


@router.post(
    "/corrections", status_code=201, dependencies=[Depends(require_token)], summary="Correct the ledger"
)
async def api_correct(request: Request, given: CorrectionIn) -> dict:
    """Accept, edit or reject an attribution or a figure; merge or split an entity."""
    return await write(
        request,
        lambda ledger: correct(
            ledger,
            given.target_type,
            given.target,
            given.action,
            author=given.author,
            changes=given.changes,
            note=given.note,
        ),
    )


@router.get("/corrections", summary="Corrections, newest first")
def api_corrections(
    ledger: Reader,
    article: str | None = None,
    target_type: Literal["attribution", "figure", "entity"] | None = None,
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    found = corrections(ledger, article=article, target_type=target_type, limit=limit, offset=offset)
    return page(found, limit, offset)
