"""The live server over raw sockets: what an HTTP client library would tidy away before sending
(dot segments, encoded slashes, lying Content-Length, bodies that never end, concurrent readers)."""

from __future__ import annotations

import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import httpx
import pytest

from claimledger.web import create_app
from tests.browser.live import live_server
from tests.web.conftest import TOKEN, StubExtractor

LEAKS = ("root:x:0:0", "def create_app", "[project]", "{% extends")


def raw(base: str, request: bytes, timeout: float = 10.0) -> bytes:
    """Send bytes as they are; return the server's answer (head and Content-Length body)."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(request)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
                head, _, body = answer.partition(b"\r\n\r\n")
                length = re.search(rb"(?im)^content-length: *(\d+)", head)
                if _ and length and len(body) >= int(length.group(1)):
                    break
        except (TimeoutError, ConnectionResetError):  # a reset is the server's answer to some garbage
            pass
    return answer


def status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


@pytest.mark.parametrize(
    "target",
    [
        "/static/../../../../etc/passwd",
        "/static/../app.py",
        "/static/../templates/base.html",
        "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/static/..%2fapp.py",
        "/static/%2e%2e/app.py",
        "/static/..%5capp.py",
        "/static/%252e%252e/app.py",
        "/static/....//....//etc/passwd",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/app.js%00.css",
        "/static/.%2e/.%2e/.%2e/.%2e/etc/passwd",
        "/static/%c0%ae%c0%ae/app.py",
        "/static/..\\app.py",
        "/articles/..%2f..%2f..%2fetc%2fpasswd",
        "/sources/%2e%2e%2f%2e%2e%2fetc%2fpasswd.json",
        "http://127.0.0.1/static/../app.py",
    ],
)
def test_path_traversal_in_any_form_fails(base_url, target):
    host = urlsplit(base_url).netloc
    answer = raw(base_url, f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    assert status(answer) in (400, 404), answer[:300]
    assert not any(leak.encode() in answer for leak in LEAKS)


def test_the_static_route_still_serves_its_files(base_url):
    """The control for the traversal test: the raw request and the check do see a file."""
    host = urlsplit(base_url).netloc
    answer = raw(
        base_url, f"GET /static/app.js HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
    )
    assert status(answer) == 200 and b"showAttribution" in answer


@pytest.fixture(scope="module")
def small_url(ledger_path):
    """A server whose body cap is 100 kB, so oversized bodies are quick to send."""
    with live_server(create_app(ledger_path, extractor=StubExtractor(), max_body=100_000)) as url:
        yield url


@pytest.mark.parametrize("path", ["/api/extract", "/api/articles", "/api/corrections", "/paste", "/review"])
def test_a_declared_oversized_body_is_refused_before_it_is_sent(small_url, path):
    host = urlsplit(small_url).netloc
    started = time.monotonic()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        "Content-Length: 1000000000\r\n\r\n"
    )
    answer = raw(small_url, head.encode() + b'{"text": "')  # and then nothing more
    assert status(answer) == 413 and b"larger than 100,000 bytes" in answer
    assert time.monotonic() - started < 5


def test_an_endless_chunked_body_is_cut_off(small_url):
    host = urlsplit(small_url).netloc
    port = urlsplit(small_url).port
    chunk = b"x" * 16384
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            f"POST /api/extract HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n".encode()
        )
        sock.settimeout(0.05)
        answer = b""
        while not answer and sent < 50_000_000:
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
                answer = sock.recv(65536)
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
        if not answer:
            sock.settimeout(5)
            answer = sock.recv(65536)
    assert status(answer) == 413, answer[:200]
    assert sent < 5_000_000  # refused soon after the cap, not after the client gave up


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/articles", {"json": {"text": "Officials said it rained."}}),
        (
            "POST",
            "/api/corrections",
            {"json": {"target_type": "attribution", "target": "x", "action": "reject", "author": "M"}},
        ),
        ("POST", "/paste", {"data": {"text": "Officials said it rained.", "store": "yes"}}),
        (
            "POST",
            "/review",
            {"data": {"target_type": "attribution", "target": "x", "action": "reject", "author": "M"}},
        ),
    ],
)
@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "Basic d3Jvbmc6d3Jvbmc=", TOKEN, "Bearer"])
def test_writes_without_the_token_are_401(token_url, method, path, body, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = httpx.request(method, token_url + path, headers=headers, **body)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_the_token_opens_writes(token_url):
    """The control: the same write with the token is not refused."""
    response = httpx.post(
        f"{token_url}/api/articles",
        json={"text": "Officials said it rained on the token test."},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n",
        b"GET /" + b"a" * 200_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"NOT HTTP AT ALL\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        b"POST /api/extract HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ],
)
def test_malformed_requests_get_an_error_and_the_server_stays_up(base_url, request_bytes):
    answer = raw(base_url, request_bytes, timeout=5)
    assert answer == b"" or 400 <= status(answer) < 500, answer[:200]
    assert httpx.get(f"{base_url}/api/articles").status_code == 200


def test_concurrent_readers_all_get_their_pages(base_url):
    """Each request on its own connection, many at once: FastAPI solves the ledger dependency and
    runs the page on different worker threads (a SQLite connection must not cross them)."""
    ids = [row["id"] for row in httpx.get(f"{base_url}/api/articles").json()["items"]]
    paths = [
        p for i in ids for p in (f"/articles/{i}", f"/articles/{i}.json", "/search?q=said", "/figures.json")
    ]
    with ThreadPoolExecutor(16) as pool:
        codes = list(pool.map(lambda path: httpx.get(base_url + path, timeout=60).status_code, paths * 2))
    assert codes == [200] * len(codes)
