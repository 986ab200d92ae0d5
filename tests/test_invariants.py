"""Property tests: whatever text comes in, extraction does not crash and its record holds together.

`check_record` is the contract every record must keep; the coverage-guided fuzzer
(tests/fuzz/fuzz_extract.py) checks the same function on what it generates.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

# Pieces news copy is made of, and the odd characters the web adds to it.
WORDS = [
    "said", "told", "reportedly", "claims", "denied", "according to", "the", "Pentagon", "Ms Singh", "He",
    "troops", "about", "up to", "nearly", "between", "and", "10,000", "3000", "two", "dozens", "12%",
    "$5 million", "61st", "Monday", "last week", "2024", "Feb. 29", "next several weeks", "could", "might",
    "North Korea", "Moscow‘s", "Kyiv", ".", ",", ":", "—", "\n", "“", "”", "‘", "’", '"', "'", "«", "»",
    "\u200b", "\u200f", "\u202e", "é", "😀", "1e308", "99999999999999999999", "-5", "½",
]  # fmt: skip
# 100 examples per run by default (hypothesis' own default); HYPOTHESIS_PROFILE=long runs 2000.
texts = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=60).map(" ".join)

# Every quotation mark news copy uses, opening and closing alike, to be thrown in unbalanced and nested.
QUOTES = ["“", "”", "‘", "’", "«", "»", "„", "‟", "‹", "›", "「", "」", "『", "』", '"', "'", "`", "''", "``"]
# Characters that are invisible or reorder text: zero-width, joiners, marks and bidirectional controls.
INVISIBLE = list(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
)
RTL_WORDS = ["قال", "المتحدث", "אמר", "דובר", "١٠٬٠٠٠", "٢٠٢٤"]
NUMBER_WORDS = [
    "zero", "one", "a dozen", "dozens", "hundreds", "thousands", "a million", "two billion", "a trillion",
    "one hundred and twenty-three", "nine hundred ninety-nine quadrillion", "half", "a third", "twice",
    "tens of thousands", "a few hundred", "several thousand", "million million", "first", "101st",
]  # fmt: skip
huge_numbers = st.one_of(
    st.integers().map(str),
    st.integers(min_value=10**15, max_value=10**400).map(lambda n: f"{n:,}"),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(
        [
            "1e308",
            "1e309",
            "-1e-400",
            "1.7976931348623157e308",
            "0x7fffffff",
            "9" * 500,
            "1,2,3,4",
            "1.2.3",
            "10,00",
            "$",
            "%",
            "5-7",
            "5–7",
            "between 10 and 5",
            "from 9 to 3 million",
        ]
    ),  # fmt: skip
).map(lambda number: f"{number} troops")
edge_dates = st.sampled_from([
    "Feb. 29", "February 29, 2024", "February 29, 2023", "Feb 30", "Dec. 31", "December 31, 2024",
    "Jan. 1", "January 1, 2025", "New Year's Eve", "year 0", "0000-01-01", "9999-12-31", "10000-01-01",
    "December 31, 9999", "January 1, 0001", "1 BC", "in 9999", "the year 10000", "next year", "last year",
    "the 31st", "the 32nd", "23:59:60", "00:00", "24:00", "the 1900s", "last decade", "next century",
])  # fmt: skip
# The published dates that relative times ("yesterday", "next year") resolve against.
published_dates = st.sampled_from(
    [
        None,
        dt.date(2024, 2, 29),
        dt.date(2024, 12, 31),
        dt.date(2025, 1, 1),
        dt.date(1, 1, 1),
        dt.date(9999, 12, 31),
        dt.date(1970, 1, 1),
    ]  # fmt: skip
)
pieces = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(QUOTES),
    st.sampled_from(INVISIBLE),
    st.sampled_from(RTL_WORDS),
    st.sampled_from(NUMBER_WORDS),
    huge_numbers,
    edge_dates,
    st.text(max_size=8),  # any Unicode at all
)
hostile_texts = st.lists(pieces, max_size=80).map(" ".join)
# One sentence of hundreds of clauses and no full stop, as scraped pages sometimes run together.
long_sentences = st.builds(
    lambda words, repeat: (" ".join(words) + ", ") * repeat + "officials said.",
    st.lists(st.sampled_from(WORDS[:40]) | st.sampled_from(QUOTES), min_size=1, max_size=12),
    st.integers(min_value=50, max_value=400),
)


@pytest.fixture(scope="module")
def extractor():
    from claimledger.extraction import Extractor

    return Extractor()


def spans_of(record):
    for e in record["entities"]:
        yield from e["mentions"]
    for a in record["attributions"]:
        for s in (a["source"], a["cue"], a["content"], *a["hedges"]):
            if s and s.get("start") is not None:
                yield s
    for f in record["figures"]:
        yield f
        if f["counted"]:
            yield f["counted"]
    yield from record["times"]


def check_record(record: dict, text: str) -> None:
    """The record contract: the text kept as given, spans that point into it, unique ids, references
    that resolve, ordered figure bounds, and valid JSON (no NaN or infinity)."""
    body = record["article"]["text"]
    assert body == text.replace("\r\n", "\n")
    for s in spans_of(record):
        assert 0 <= s["start"] <= s["end"] <= len(body), s
        assert body[s["start"] : s["end"]] == s["text"]
    for kind in ("entities", "attributions", "figures", "times"):
        ids = [x["id"] for x in record[kind]]
        assert len(ids) == len(set(ids)), kind
    entity_ids = {e["id"] for e in record["entities"]}
    attribution_ids = {a["id"] for a in record["attributions"]}
    time_ids = {t["id"] for t in record["times"]}
    for a in record["attributions"]:
        assert a["parent"] is None or a["parent"] in attribution_ids
        assert a["parent"] != a["id"]
        assert set(a["via"]) <= entity_ids
        assert a["time"] is None or a["time"] in time_ids
        if a["source"]:
            assert set(a["source"]["entities"]) <= entity_ids
    for f in record["figures"]:
        assert f["attribution"] is None or f["attribution"] in attribution_ids
        assert f["entity"] is None or f["entity"] in entity_ids
        bounds = [b for b in (f["low"], f["value"], f["high"]) if b is not None]
        assert bounds == sorted(bounds), f
    for t in record["times"]:
        assert t["earliest"] is None or t["latest"] is None or t["earliest"] <= t["latest"], t
    json.dumps(record, allow_nan=False)


def extract_and_check(extractor, text: str, published: dt.date | None = dt.date(2024, 2, 29)) -> None:
    from claimledger.record import ArticleMeta

    check_record(extractor.extract(text, ArticleMeta(published=published)), text)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_record_holds_together(extractor, text):
    extract_and_check(extractor, text)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_texts, published=published_dates)
def test_hostile_text_record_holds_together(extractor, text, published):
    extract_and_check(extractor, text, published)


@settings(deadline=None, max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=long_sentences)
def test_very_long_sentence_record_holds_together(extractor, text):
    extract_and_check(extractor, text)


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    opening=st.lists(st.sampled_from(QUOTES), min_size=1, max_size=6),
    closing=st.lists(st.sampled_from(QUOTES), max_size=6),
    inner=st.sampled_from(["We will fight", "It is false, he said", "Nobody knows"]),
)
def test_nested_and_unbalanced_quotes(extractor, opening, closing, inner):
    text = (
        f"The minister said {''.join(opening)}{inner},{''.join(closing)} on Monday. {''.join(opening)} Fine."
    )
    extract_and_check(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "\u200b" * 50,
        "\u202e" + "The Pentagon said 10,000 troops had crossed." + "\u202c",
        "“" * 200 + "he said" + "”" * 3,
        "He said " + "“‘«„‹「" * 30 + "yes" + "」›‟»’”" * 29,
        "The ministry said " + "9" * 4000 + " soldiers died on February 29, 2023.",
        "Officials said on Dec. 31 that " + "one hundred and " * 200 + "one people left by Jan. 1.",
        "She said it happened on 0000-00-00, 9999-12-31 and in the year 10000.",
        "said " * 3000,
        "\r\n".join(["“Go,” he said."] * 50),
        "\r" * 20 + "said\r\r\n“",
    ],
)
def test_edge_texts(extractor, text):
    extract_and_check(extractor, text)


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29)])
@pytest.mark.parametrize(
    "text",
    ["He said it last week.", "They said Feb. 29 was the day.", "Officials said Dec. 31 and next year.",
     "She said it a year ago, in two weeks, next month and yesterday.", "The talks, he said, end Jan. 1."],
)  # fmt: skip
def test_relative_times_at_the_ends_of_the_calendar(extractor, text, published):
    # Date arithmetic past year 9999 or before year 1 raised OverflowError; now the time stays unresolved.
    extract_and_check(extractor, text, published)
