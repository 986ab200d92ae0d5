"""The `claimledger` command: parse arguments, call the library, print what it returns.

No logic of its own lives here: each command module adds its parser and a `run` that calls one
library function. Every expected failure (ClaimLedgerError) becomes one line,
`claimledger: error: ...`, on stderr with a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from claimledger import __version__
from claimledger.cli import batch, evaluate, extract, ledger, serve
from claimledger.cli.output import PROG
from claimledger.errors import ClaimLedgerError


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Failures reach the user as our own one-line errors; libraries' log records (trafilatura logs
    # an ERROR for every page it cannot parse) would only repeat them less clearly.
    logging.basicConfig(handlers=[logging.NullHandler()])
    try:
        return args.run(args)
    except ClaimLedgerError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from failing to flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:
        if os.environ.get("CLAIMLEDGER_TRACEBACK"):
            raise
        print(
            f"{PROG}: internal error: {type(error).__name__}: {error}. This is a bug in claimledger: please "
            "report it with the input that caused it (CLAIMLEDGER_TRACEBACK=1 shows where it happened).",
            file=sys.stderr,
        )
        return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="A ledger of who claims what in news reports: sources, cues, content, "
        "certainty, figures and times.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract.add_extract(commands)
    evaluate.add_evaluate(commands)
    ledger.add_ledger_commands(commands)
    batch.add_batch(commands)
    serve.add_serve(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
