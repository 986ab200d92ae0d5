"""`claimledger serve`: the web app and HTTP API over a ledger, with uvicorn.

On loopback (the default) anyone on this machine may read and write. Anywhere else the server
refuses to start without a token, which every write must then carry; reads stay open.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys

from claimledger.errors import ClaimLedgerError

TOKEN_VARIABLE = "CLAIMLEDGER_TOKEN"
LOOPBACK_NAMES = ("localhost",)
ALLOWED_LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


def add_serve(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve",
        help="serve the ledger's web pages and HTTP API",
        description="Serve the ledger's web pages and HTTP API (OpenAPI description at /docs).",
    )
    serve.add_argument("--db", default="ledger.db", metavar="PATH", help="the ledger (default: ledger.db)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument(
        "--token",
        default=os.environ.get(TOKEN_VARIABLE),
        help=f"bearer token every write must carry; required off loopback (default: ${TOKEN_VARIABLE})",
    )
    serve.add_argument(
        "--allow-private-fetch",
        action="store_true",
        help="let the server fetch URLs on loopback and private networks (refused by default)",
    )
    serve.set_defaults(run=run_serve)


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run_serve(args: argparse.Namespace) -> int:
    loopback = is_loopback(args.host)
    if not loopback and not args.token:
        raise ClaimLedgerError(
            f"refusing to serve on {args.host} without a token: anyone who can reach it could write to "
            f"the ledger; give --token TOKEN (or set {TOKEN_VARIABLE}), or serve on 127.0.0.1"
        )
    import uvicorn  # here: only this command needs the server

    from claimledger.web import create_app

    app = create_app(
        args.db,
        token=args.token,
        allow_private_fetch=args.allow_private_fetch,
        # On loopback, only loopback names: a web page cannot reach us through a rebound DNS name.
        allowed_hosts=ALLOWED_LOOPBACK_HOSTS if loopback else None,
    )
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"serving {args.db} at http://{shown}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
