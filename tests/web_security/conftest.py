"""Attack fixtures: live servers on loopback sockets, and an 'internal service' that counts hits.

The internal service stands for what an SSRF attack wants to reach (an admin port, a metadata
server). It listens on 127.0.0.1 and on ::1; every request that reaches it is recorded, so a test
proves a refusal by the service seeing nothing, not only by the error message.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from claimledger.ledger import netguard
from claimledger.web import create_app
from tests.browser import conftest as browser
from tests.browser.live import live_server
from tests.web.conftest import TOKEN, StubExtractor

# The browser tests' ledger and live server (the app as `serve` runs it on loopback).
ledger_path = browser.ledger_path
base_url = browser.base_url

ARTICLE = "<html><body><p>Officials said the internal service answered.</p></body></html>"
PUBLIC = "93.184.215.14"  # what the stand-in DNS says a public-looking test name is


class InternalService(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple, family: int):
        self.address_family = family
        self.hits: list[str] = []
        super().__init__(address, Handler)


class Handler(BaseHTTPRequestHandler):
    """/article: a page; /redirect?to=URL&status=302: a redirect; anything else 404."""

    def do_GET(self) -> None:  # noqa: N802  (http.server's name)
        self.server.hits.append(self.path)
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if url.path == "/redirect":
            self.send_response(int(query.get("status", ["302"])[0]))
            self.send_header("Location", query["to"][0])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = ARTICLE.encode() if url.path == "/article" else b"not found"
        self.send_response(200 if url.path == "/article" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def internal():
    """The internal service on 127.0.0.1 and ::1, on one port; yields the port."""
    v4 = InternalService(("127.0.0.1", 0), socket.AF_INET)
    port = v4.server_address[1]
    v6 = InternalService(("::1", port), socket.AF_INET6)
    v6.hits = v4.hits
    for server in (v4, v6):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield v4
    for server in (v4, v6):
        server.shutdown()
        server.server_close()


@pytest.fixture
def hits(internal) -> list[str]:
    """What reached the internal service during this test."""
    internal.hits.clear()
    return internal.hits


@pytest.fixture(scope="session")
def unguarded_url(ledger_path):
    """As `serve --allow-private-fetch`: the control that shows the internal service is reachable."""
    with live_server(create_app(ledger_path, extractor=StubExtractor(), allow_private_fetch=True)) as url:
        yield url


@pytest.fixture(scope="session")
def token_url(ledger_path):
    """The app as `serve --host 0.0.0.0 --token ...` runs it (served here on loopback)."""
    with live_server(create_app(ledger_path, extractor=StubExtractor(), token=TOKEN)) as url:
        yield url


@pytest.fixture
def dns(monkeypatch):
    """Stand-in DNS for the guard and for sockets alike. news.test looks public to the guard
    (PUBLIC) but connects to the internal service: the one public-looking hop a redirect test
    needs without a network. The other names resolve, for both, to private addresses."""
    private = {
        "internal.test": ["127.0.0.1"],
        "v6.internal.test": ["::1"],
        "mapped.internal.test": ["::ffff:127.0.0.1"],
        "metadata.test": ["169.254.169.254"],
        "lan.test": ["10.0.0.7"],
        "mixed.test": [PUBLIC, "127.0.0.1"],
    }
    connect_to = private | {"news.test": ["127.0.0.1"]}
    real_getaddrinfo, real_resolve = socket.getaddrinfo, netguard.resolve

    def getaddrinfo(host, port, *args, **kwargs):
        if isinstance(host, bytes):
            host = host.decode()
        if host in connect_to:
            return [
                info
                for address in connect_to[host]
                for info in real_getaddrinfo(address, port, *args, **kwargs)
            ]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(
        netguard,
        "resolve",
        lambda host: private.get(host) or ([PUBLIC] if host == "news.test" else real_resolve(host)),
    )
