"""Reading the inputs and writing the records the baselines share.

Each baseline adapter reads the JSONL input that `claimledger extract --input-format jsonl` reads
(`id`, `text`, `published`, `title`; the shared scorers' `make-input` writes it) and writes one
`claimledger.article/1` record per line, so that the same scorer reads the baseline's output and
claimledger's. Only what the scorers read is filled in; the rest of the contract is left empty.
The adapters run in a venv of their own (see README.md), without claimledger, which is why this
does not import `claimledger.record`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from typing import TextIO

SCHEMA = "claimledger.article/1"


def read_inputs(path: str) -> Iterator[dict]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def span(text: str, start: int, end: int) -> dict:
    return {"text": text[start:end], "start": start, "end": end}


def write_record(
    out: TextIO,
    item: dict,
    tool: str,
    attributions: list[dict] | None = None,
    figures: list[dict] | None = None,
    times: list[dict] | None = None,
) -> None:
    record = {
        "schema": SCHEMA,
        "article": {
            "id": item["id"],
            "title": item.get("title"),
            "url": None,
            "outlet": None,
            "published": item.get("published"),
            "language": "en",
            "text": item["text"],
        },
        "provenance": {"baseline": tool},
        "entities": [],
        "attributions": attributions or [],
        "figures": figures or [],
        "times": times or [],
    }
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def parse_args(doc: str, *flags: tuple[str, str]) -> tuple[argparse.Namespace, TextIO]:
    """`ADAPTER INPUT.jsonl [PRED.jsonl] [FLAGS]`: records go to PRED.jsonl, or to stdout."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("input", help="JSON Lines with id, text, published, title")
    parser.add_argument("output", nargs="?", help="where the records go (default: stdout)")
    for flag, help in flags:
        parser.add_argument(flag, action="store_true", help=help)
    args = parser.parse_args()
    return args, open(args.output, "w", encoding="utf-8") if args.output else sys.stdout


def run(
    inputs: str, out: TextIO, tool: str, key: str, find: Callable[[dict], list[dict]], stats: dict
) -> None:
    """One record per input, with what `find(item)` returns as its `key` list ("attributions",
    "figures" or "times"); the counts, and whatever `find` adds to `stats`, go to stderr."""
    counts = {"articles": 0, key: 0}
    for item in read_inputs(inputs):
        found = find(item)
        write_record(out, item, tool, **{key: found})
        counts["articles"] += 1
        counts[key] += len(found)
    print(", ".join(f"{k}: {v}" for k, v in (counts | stats).items()), file=sys.stderr)
