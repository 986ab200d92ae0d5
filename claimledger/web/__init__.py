"""The web app and HTTP API over a ledger: `claimledger serve`, or create_app(db_path) in any ASGI server."""

from __future__ import annotations

from claimledger.web.app import create_app

__all__ = ["create_app"]
