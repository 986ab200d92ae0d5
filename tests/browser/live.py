"""A real server for the browser and attack tests: the app under uvicorn on a free loopback port,
over a ledger of the recorded fixture articles (no model) and hostile fixture articles.

Also the screenshot script's server, hence plain functions here and fixtures in conftest.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from claimledger.ledger import Ledger, ingest
from tests.ledger.recorded import ARTICLES
from tests.web.conftest import StubExtractor

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_VARIABLE = "CLAIMLEDGER_SKIP_BROWSER"

# Each payload would set window.__pwned (or open a dialog) if it ran. The stub extractor gives a
# text starting "Officials said " one attribution, so the payload sits inside a clickable claim.
PWN = "window.__pwned"
XSS_TEXT = (
    f"Officials said <script>{PWN}='script'</script> and <img src=x onerror=\"{PWN}='img';alert(1)\"> "
    f"and <svg onload=\"{PWN}='svg'\"></svg> were posted with "
    f"<a href=\"javascript:{PWN}='link'\">a link</a>, \"><script>{PWN}='attr'</script> "
    f"and <iframe srcdoc=\"<script>parent.__pwned='frame'</script>\"></iframe> and {{{{ 7*7 }}}} too."
)
XSS_ARTICLES = [
    {
        "id": "xss-javascript-url",
        "title": f"<script>{PWN}='title'</script><img src=x onerror=\"{PWN}='title-img'\">",
        "url": f"javascript:{PWN}='url'",
        "published": "2025-01-02",
        "text": XSS_TEXT,
    },
    {
        "id": "xss-quoted-url",
        "title": f"Quotes \"'><svg onload={PWN}='title2'>",
        "url": f"https://example.org/a?q=\"><script>{PWN}='url2'</script>",
        "published": "2025-01-03",
        "text": "Officials said the page "
        + f"<body onload=\"{PWN}='body'\"> "
        + f'<meta http-equiv="refresh" content="0;url=javascript:{PWN}=\'meta\'"> was quiet.',
    },
]


def require_chromium() -> None:
    """Fail (not skip) when the browser is missing, unless browser tests are explicitly skipped."""
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get(SKIP_VARIABLE) == "1":
        pytest.skip(f"{CHROMIUM} is missing and {SKIP_VARIABLE}=1")
    pytest.fail(
        f"the browser tests need Debian's Chromium at {CHROMIUM}: run `make browser` to install it "
        f"(or set {SKIP_VARIABLE}=1 to skip them)",
        pytrace=False,
    )


def build_ledger(path: Path, *, hostile: bool = True) -> Path:
    """The seven recorded fixture articles (the sample article among them) and the XSS articles."""
    sources = [str(ARTICLES)]
    if hostile:
        sources.append(str(path.parent / "hostile.jsonl"))
        Path(sources[-1]).write_text(
            "".join(json.dumps(row) + "\n" for row in XSS_ARTICLES), encoding="utf-8"
        )
    with Ledger(path) as ledger:
        summary = ingest(ledger, sources, extractor=StubExtractor())
    assert not summary["failed"], summary["failed"]
    return path


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextlib.contextmanager
def live_server(app) -> Iterator[str]:
    """Serve `app` with uvicorn in a background thread; yields its base URL."""
    sock = free_socket()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the test server did not start")
            threading.Event().wait(0.02)
        host, port = sock.getsockname()
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def launch(playwright):
    """Debian's Chromium, headless; Playwright never downloads a browser of its own here."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
