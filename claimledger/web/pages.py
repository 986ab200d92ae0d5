"""The pages: each view returns the data its template shows and its .json twin returns."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response

from claimledger.errors import ClaimLedgerError
from claimledger.ledger.articles import article_record, articles, counts, entity
from claimledger.ledger.corrections import EDITABLE, correct, corrections, figure_reviews
from claimledger.ledger.facets import FILTERS, faceted_search
from claimledger.ledger.queries import estimates, figures, sources
from claimledger.ledger.store import Ledger
from claimledger.web.api import ArticleIn, Filters, Limit, Month, Offset, extracted, page, store, write
from claimledger.web.app import Reader, render, twin
from claimledger.web.article_view import article_view, safe_url
from claimledger.web.chart import chart
from claimledger.web.security import require_token

router = APIRouter(include_in_schema=True, tags=["pages"])
FORM_FIELDS = ("text", "html", "fetch", "title", "url", "published")


@twin(router, "/", "index.html", tables=("articles",))
def home(request: Request, ledger: Reader) -> dict:
    """What the ledger holds and its newest articles"""
    return {"counts": counts(ledger), "articles": linked(articles(ledger, limit=20))}


@twin(router, "/articles", "articles.html", tables=("articles",))
def article_list(
    request: Request,
    ledger: Reader,
    outlet: str | None = None,
    month: str | None = Month,
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    """Articles, newest first"""
    found = linked(articles(ledger, outlet=outlet, month=month, limit=limit, offset=offset))
    return {"filters": {"outlet": outlet, "month": month}, "articles": found} | paging(found, limit, offset)


@twin(
    router,
    "/articles/{article_id}",
    "article.html",
    tables=("attributions", "figures", "entities", "corrections"),
)
def article_page(request: Request, article_id: str, ledger: Reader) -> dict:
    """One article, highlighted, with its attributions, figures and corrections"""
    record = article_record(ledger, article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r} in the ledger")
    view = article_view(record, stored=True)
    view["corrections"] = corrections(ledger, article=article_id)
    view["editable"] = {
        kind: {name: rule if isinstance(rule, tuple) else None for name, rule in fields.items()}
        for kind, fields in EDITABLE.items()
    }
    view["token_required"] = request.app.state.settings.token is not None
    return view


@twin(router, "/paste", "paste.html")
def paste_form(request: Request) -> dict:
    """Paste an article, or give its URL, and see its ledger"""
    return {"fields": list(FORM_FIELDS), "token_required": request.app.state.settings.token is not None}


@router.post("/paste", include_in_schema=False)
async def paste(request: Request) -> Response:
    """Extract what was pasted; show it unstored, or store it (with the token, if any) and go to it."""
    form = await request.form()
    given = {name: str(form.get(name) or "").strip() or None for name in FORM_FIELDS}
    if given["fetch"] and given["text"]:
        given["text"] = None  # the URL field wins over leftover text
    try:
        article = ArticleIn(**given)
    except ValueError:
        raise ClaimLedgerError("paste an article's text, or give the URL to fetch it from") from None
    if form.get("store"):
        await require_token(request)
    record, location = await extracted(request, article)
    if form.get("store"):
        written = await write(request, store(request.app.state.settings, record, location, True))
        return RedirectResponse(f"/articles/{written.article}", status_code=303)
    view = article_view(record, stored=False) | {"corrections": [], "editable": {}, "token_required": False}
    return render(request, "article.html", view, ())


@twin(router, "/sources", "sources.html", tables=("sources",))
def source_list(request: Request, ledger: Reader, limit: int = Limit, offset: int = Offset) -> dict:
    """Who is cited, how often, on what, with what certainty"""
    found = sources(ledger, limit=offset + limit)[offset:]
    return {"sources": found} | paging(found, limit, offset)


@twin(router, "/sources/{entity_id}", "source.html", tables=("claims",))
def source_page(
    request: Request,
    entity_id: str,
    ledger: Reader,
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    """Everything one source said, across articles"""
    found = entity(ledger, entity_id)
    if found is None:
        raise HTTPException(404, f"no source {entity_id!r} in the ledger")
    claims = faceted_search(
        ledger, filters={"source": found["name"]}, limit=limit, offset=offset, with_facets=False
    )
    return {"source": found, "claims": claims["claims"]} | paging(claims["claims"], limit, offset)


@twin(router, "/figures", "figures.html", tables=("summary", "estimates"))
def figure_page(
    request: Request,
    ledger: Reader,
    about: str | None = None,
    limit: int = Query(20, ge=1, le=100),
) -> dict:
    """Reconciled figures: each question's estimates over time, by source"""
    questions = figures(ledger, about=about, limit=limit)
    reviews = figure_reviews(ledger, [e["figure"] for q in questions for e in q["estimates"]])
    for question in questions:
        for estimate in question["estimates"]:
            estimate["link"] = safe_url(estimate["url"])
            estimate["review"] = reviews.get(estimate["figure"])
        # A figure a reviewer rejected stays in the table, marked, but is not drawn.
        kept = [e for e in question["estimates"] if not (e["review"] and e["review"]["action"] == "reject")]
        question["chart"] = chart(question | {"estimates": kept})
    summary = [
        {key: q[key] for key in ("id", "title", "unit", "owner", "place", "estimate_count", "source_count")}
        | {
            "conflict": q["conflict"],
            "range_low": (q["range"] or {}).get("low"),
            "range_high": (q["range"] or {}).get("high"),
        }
        for q in questions
    ]
    found = estimates(ledger, about=about, limit=limit)
    return {"about": about, "questions": questions, "summary": summary, "estimates": found}


@twin(router, "/search", "search.html", tables=("claims", "articles"))
def search_page(
    request: Request, ledger: Reader, filters: Filters, limit: int = Limit, offset: int = Offset
) -> dict:
    """Full-text search over claims and articles, with facets"""
    found = faceted_search(ledger, filters.q, filters=filters.facets, limit=limit, offset=offset)
    return (
        {"q": filters.q, "filters": filters.facets, "filter_names": list(FILTERS)}
        | found
        | paging(found["claims"], limit, offset)
    )


@twin(router, "/review", "review.html", tables=("corrections",))
def review_page(request: Request, ledger: Reader, limit: int = Limit, offset: int = Offset) -> dict:
    """Corrections made by reviewers, newest first"""
    found = corrections(ledger, limit=limit, offset=offset)
    return {"corrections": found} | paging(found, limit, offset)


@router.post("/review", include_in_schema=False, dependencies=[Depends(require_token)])
async def review(request: Request) -> Response:
    """A correction from the article page's forms; back to the article, at the corrected item."""
    form = {name: str(value).strip() for name, value in (await request.form()).items()}
    target_type, action = form.get("target_type", ""), form.get("action", "")
    changes: dict = {}
    if action == "edit":
        changes = {name: form[name] for name in EDITABLE.get(target_type, {}) if form.get(name)}
    elif action == "merge":
        changes = {"into": form.get("into")}
    elif action == "split":
        changes = {
            "name": form.get("name"),
            "aliases": [a.strip() for a in form.get("aliases", "").split(",") if a.strip()],
        }

    def job(ledger: Ledger) -> dict:
        return correct(
            ledger,
            target_type,
            form.get("target", ""),
            action,
            author=form.get("author", ""),
            changes=changes,
            note=form.get("note"),
        )

    made = await write(request, job)
    article = made["article"] or form.get("article")  # an entity's form says which article it came from
    back = f"/articles/{quote(article, safe='')}#{target_type}-{made['target']}" if article else "/review"
    return RedirectResponse(back, status_code=303)


@router.get("/docs", include_in_schema=False)
def docs(request: Request) -> Response:
    """The API's OpenAPI description as a page (the JSON is at /openapi.json)."""
    schema = request.app.openapi()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary"),
            "description": op.get("description"),
            "parameters": op.get("parameters", []),
            "body": "requestBody" in op,
        }
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]
    return request.app.state.templates.TemplateResponse(
        request, "docs.html", {"data": {"operations": operations}}
    )


def paging(items: list, limit: int, offset: int) -> dict:
    """Where the previous and next pages start (None at either end)."""
    found = page(items, limit, offset)
    return {key: found[key] for key in ("limit", "offset", "next_offset")} | {
        "previous_offset": max(0, offset - limit) if offset else None
    }


def linked(rows: list[dict]) -> list[dict]:
    """Rows with `link`: their URL when it is safe to link to (http or https)."""
    return [row | {"link": safe_url(row.get("url"))} for row in rows]
