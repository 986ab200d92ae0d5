"""What keeps untrusted article text and strangers' requests harmless: response headers that
forbid inline script, a cap on request bodies, a bearer token on writes, and no cross-site posts.

Templates escape everything (Jinja autoescape); the Content-Security-Policy is the second line:
even a payload that slipped through could not run, since only our own /static script may.
"""

from __future__ import annotations

import json
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # Not no-referrer: under it browsers send `Origin: null` with our own forms' posts, which
    # cross_site() must refuse; same-origin still tells other sites nothing.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
MAX_BODY = 12_000_000  # an article of the extractor's 10 MB limit, as JSON, with room for escaping
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Guard:
    """ASGI middleware: security headers on every response, 413 for an oversized body (declared
    or streamed), 403 for a write whose Origin is another site (a page elsewhere posting a form
    to a server on this machine)."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        too_large = f"the request body is larger than {self.max_body:,} bytes"
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            await self.refuse(send_with_headers, 413, too_large)
            return
        if scope["method"] not in SAFE_METHODS and cross_site(headers):
            await self.refuse(send_with_headers, 403, "cross-site requests may not write to the ledger")
            return
        seen, refused = 0, False

        async def capped_receive() -> Message:
            nonlocal seen, refused
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body and not refused:
                refused = True
                if not started:
                    await self.refuse(send_with_headers, 413, too_large)
                return {"type": "http.disconnect"}  # the app stops reading: the client is gone to it
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:  # once refused, what the app answers to a cut-off body is dropped
                await send_with_headers(message)

        try:
            await self.app(scope, capped_receive, guarded_send)
        except Exception:
            if not refused:
                raise

    @staticmethod
    async def refuse(send: Send, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def cross_site(headers: dict[str, str]) -> bool:
    origin = headers.get("origin")
    if not origin or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc.lower() != headers.get("host", "").lower()


async def require_token(request: Request) -> None:
    """Dependency of every write: the bearer token, when the server was given one; HTML forms
    may send it as a `token` field instead, since a browser form cannot set a header."""
    expected = request.app.state.settings.token
    if expected is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        given = str((await request.form()).get("token") or "")
    if not given or not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(
            401,
            "this server needs its token for writes: Authorization: Bearer TOKEN",
            headers={"WWW-Authenticate": "Bearer"},
        )
