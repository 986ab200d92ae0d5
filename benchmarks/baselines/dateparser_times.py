"""Baseline for times: dateparser's `search.search_dates`.

`search_dates(text, languages=["en"], settings={"RELATIVE_BASE": publication date,
"RETURN_TIME_AS_PERIOD": True}, add_period=True)` gives (substring, datetime, period) triples,
the period being how fine the expression is: year, month, week, day, part_of_day or time. One
time per triple, its value a TIMEX3 value of that granularity: "1998", "1998-03", "1998-W02",
"1998-01-08", "1998-01-08TMO" (morning; AF, EV, NI by the hour dateparser gives each part),
"1998-01-08T17:00"; its type DATE, or TIME for the last two. The span is where the substring
is found in the text, searching on from the previous one, with surrounding spaces and
punctuation taken off; a substring not found verbatim is dropped (counted on stderr).

Lossy by design of the tool: only points in time, so durations ("three years") and sets
("every week") are missed or come out as dates; substrings keep the words dateparser took
with them ("on 4 October 1957", "March 1998 and"), which TimeML leaves out, so strict spans
suffer more than relaxed ones; and no value without a day, month or year (no "PRESENT_REF",
"PAST_REF", "1998-Q2"). `--ngram` uses the search strategy the docs call more predictable.

    python dateparser_times.py INPUT.jsonl PRED.jsonl [--ngram]
"""

from __future__ import annotations

import datetime as dt

from dateparser.search import search_dates
from records import parse_args, run

STRIP = " \t\n,.;:!?\"'()[]"


def timex_value(moment: dt.datetime, period: str) -> tuple[str, str]:
    """(TIMEX3 type, TIMEX3 value) of a datetime at dateparser's granularity."""
    day = moment.date().isoformat()
    if period == "year":
        return "DATE", f"{moment.year:04d}"
    if period == "month":
        return "DATE", f"{moment.year:04d}-{moment.month:02d}"
    if period == "week":
        year, week, _ = moment.isocalendar()
        return "DATE", f"{year:04d}-W{week:02d}"
    if period == "part_of_day":
        # dateparser's default PARTS_OF_DAY: early morning 03:00, morning 09:00, afternoon 15:00,
        # evening 18:00, night 20:00
        part = "MO" if moment.hour < 12 else "AF" if moment.hour < 18 else "EV" if moment.hour < 20 else "NI"
        return "TIME", f"{day}T{part}"
    if period == "time":
        return "TIME", f"{day}T{moment.hour:02d}:{moment.minute:02d}"
    return "DATE", day


def times(item: dict, strategy: str, stats: dict[str, int]) -> list[dict]:
    text = item["text"]
    settings: dict = {"RETURN_TIME_AS_PERIOD": True}
    if item.get("published"):
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(item["published"])
    found = search_dates(text, languages=["en"], settings=settings, add_period=True, strategy=strategy)
    result, cursor = [], 0
    for substring, moment, period in found or []:
        core = substring.strip(STRIP)
        start = text.find(core, cursor) if core else -1
        if start < 0:
            stats["substrings not found in the text"] += 1
            continue
        cursor = start + len(core)
        kind, value = timex_value(moment, period)
        result.append(
            {
                "id": f"t{len(result) + 1}",
                "text": core,
                "start": start,
                "end": cursor,
                "type": kind.lower(),
                "value": value,
                "earliest": None,
                "latest": None,
            }
        )
    return result


def main() -> None:
    args, out = parse_args(__doc__, ("--ngram", 'search_dates(strategy="ngram") instead of "split"'))
    strategy = "ngram" if args.ngram else "split"
    stats = {"substrings not found in the text": 0}
    tool = f"dateparser search_dates, strategy={strategy}"
    run(args.input, out, tool, "times", lambda item: times(item, strategy, stats), stats)


if __name__ == "__main__":
    main()
