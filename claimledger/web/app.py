"""The ASGI app: pages and their JSON twins, the HTTP API, over one ledger file.

One view, two renderings (as in Datasette): each page's view function returns plain data; the
same route answers `PATH` with the HTML template, `PATH.json` with that data as JSON and, for
pages with tables, `PATH.csv?table=NAME` with one of its tables. The template receives exactly
the data the JSON shows, so the page and the API cannot drift apart.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import httpx
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware

from claimledger import __version__
from claimledger.cells import write_csv
from claimledger.errors import ClaimLedgerError
from claimledger.ledger.store import Ledger
from claimledger.web.security import MAX_BODY, Guard
from claimledger.web.writer import Writer

HERE = Path(__file__).resolve().parent


@dataclass
class Settings:
    db_path: str
    token: str | None
    allow_private_fetch: bool
    http_transport: httpx.BaseTransport | None
    extractor: Any = None  # claimledger.Extractor, made on first use unless given
    embedder: Any = None  # grouping's sentence model (claimledger.ledger.grouping); None: the packaged one
    extractor_lock: threading.Lock = field(default_factory=threading.Lock)  # held while extracting
    readers: threading.local = field(default_factory=threading.local)

    def extract(self, text: str, meta: Any) -> dict:
        """The record of one article. The pipeline is loaded on first use, once per process, and
        runs one article at a time: a spaCy pipeline is not made to be shared between threads,
        and two parses at once on this machine's cores would only each take twice as long."""
        with self.extractor_lock:
            if self.extractor is None:
                from claimledger.extraction import default_extractor

                self.extractor = default_extractor()  # the one claimledger.extract() uses too
            return self.extractor.extract(text, meta)

    def reader(self) -> Ledger:
        """This thread's read-only connection: reads never wait for the writer (WAL)."""
        ledger = getattr(self.readers, "ledger", None)
        if ledger is None:
            ledger = self.readers.ledger = Ledger(self.db_path)
            ledger.execute("PRAGMA query_only = ON")
        return ledger


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    allow_private_fetch: bool = False,
    extractor: Any = None,
    max_body: int = MAX_BODY,
    allowed_hosts: list[str] | None = None,
    http_transport: httpx.BaseTransport | None = None,
    embedder: Any = None,
) -> FastAPI:
    """The web app over the ledger at db_path (created if missing).

    token: writes need `Authorization: Bearer TOKEN` (required by `serve` off loopback).
    allow_private_fetch: let URL fetching reach loopback and private addresses.
    extractor: an object with extract(text, meta), used instead of loading the pipeline (tests).
    embedder: the sentence model that groups claims into propositions (default: the packaged one,
    loaded on the first ingest).
    allowed_hosts: Host header values accepted (serve passes the loopback names on loopback,
    so a web page cannot reach the server through a DNS name rebound to 127.0.0.1).
    """
    from claimledger.web import api, pages  # the routes need Settings defined above

    settings = Settings(str(db_path), token, allow_private_fetch, http_transport, extractor, embedder)
    writer = Writer(settings.db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Iterator[None]:
        yield
        writer.close()

    app = FastAPI(
        title="claimledger",
        version=__version__,
        description="Who claims what in news reports: the ledger's pages and API.",
        docs_url=None,  # the default pages load Swagger UI from a CDN; /docs is ours (pages.py)
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.writer = writer
    app.state.templates = templates()
    app.add_middleware(Guard, max_body=max_body)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    add_error_handlers(app)
    return app


def templates() -> Jinja2Templates:
    found = Jinja2Templates(directory=HERE / "templates")
    found.env.autoescape = True  # every template, whatever its name ends with
    found.env.globals["version"] = __version__
    found.env.filters["number"] = lambda value: "" if value is None else f"{value:,.10g}"
    found.env.globals["query_with"] = query_with
    return found


def query_with(request: Request, **changes: Any) -> str:
    """This page's query string with some parameters replaced (None removes one): pager and facet links."""
    params = dict(request.query_params) | {name: value for name, value in changes.items()}
    return urlencode({name: value for name, value in params.items() if value not in (None, "")})


def wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api/") or path.endswith((".json", ".csv")) or path == "/openapi.json")


def add_error_handlers(app: FastAPI) -> None:
    def error(request: Request, status: int, detail: Any, headers: dict | None = None) -> Response:
        if wants_html(request):
            return app.state.templates.TemplateResponse(
                request,
                "error.html",
                {"data": {"status": status, "detail": detail}},
                status_code=status,
                headers=headers,
            )
        return JSONResponse({"detail": jsonable_encoder(detail)}, status_code=status, headers=headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error(request, exc.status_code, exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(ClaimLedgerError)
    async def ledger_error(request: Request, exc: ClaimLedgerError) -> Response:
        return error(request, 422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error(request, 422, exc.errors())


class ThreadReader:
    """The calling thread's read-only ledger, looked up on each use. FastAPI solves a dependency
    and runs the endpoint on different worker threads, and a SQLite connection may only be used by
    the thread that opened it (under concurrent requests, the endpoint's thread is another one)."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __getattr__(self, name: str) -> Any:
        return getattr(self.settings.reader(), name)


async def reader(request: Request) -> Ledger:
    return ThreadReader(request.app.state.settings)  # type: ignore[return-value]  (a Ledger to its users)


Reader = Annotated[Ledger, Depends(reader)]


def twin(router: APIRouter, path: str, template: str, tables: tuple[str, ...] = ()) -> Callable:
    """Register a view at PATH (HTML), PATH.json and, with tables, PATH.csv (?table=one of them)."""

    def register(view: Callable[..., dict]) -> Callable[..., dict]:
        @functools.wraps(view)
        def endpoint(*args: Any, **kwargs: Any) -> Response:
            request: Request = kwargs["request"]
            data = view(*args, **kwargs)
            return render(request, template, data, tables)

        suffixes = (".json", ".csv", "") if tables else (".json", "")
        for suffix in suffixes:
            router.add_api_route(
                path + suffix,
                endpoint,
                methods=["GET"],
                include_in_schema=suffix == ".json",
                name=f"{view.__name__}{suffix.replace('.', '_')}",
                summary=f"{(view.__doc__ or view.__name__).splitlines()[0]}" if suffix else None,
            )
        return view

    return register


def render(request: Request, template: str, data: dict, tables: tuple[str, ...]) -> Response:
    path = request.url.path
    if path.endswith(".json"):
        return JSONResponse(data)  # plain rows already: FastAPI's encoder would only walk them again
    if path.endswith(".csv"):
        table = request.query_params.get("table") or tables[0]
        if table not in tables:
            raise HTTPException(404, f"no table {table!r} on this page: use one of {', '.join(tables)}")
        return Response(
            csv_text(data[table]),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{table}.csv"'},
        )
    return request.app.state.templates.TemplateResponse(request, template, {"data": data, "tables": tables})


def csv_text(rows: list[dict]) -> str:
    """Rows as CSV, as the CLI writes them."""
    out = io.StringIO()
    write_csv(rows, out)
    return out.getvalue()
