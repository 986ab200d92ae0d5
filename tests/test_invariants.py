"""Property tests: whatever text comes in, extraction does not crash and its record holds together."""

from __future__ import annotations

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
    yield from record["figures"]
    yield from record["times"]


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_record_holds_together(extractor, text):
    import datetime as dt

    from claimledger.record import ArticleMeta

    record = extractor.extract(text, ArticleMeta(published=dt.date(2024, 2, 29)))
    body = record["article"]["text"]
    for s in spans_of(record):
        assert 0 <= s["start"] <= s["end"] <= len(body)
        assert body[s["start"] : s["end"]] == s["text"]
    for kind in ("entities", "attributions", "figures", "times"):
        ids = [x["id"] for x in record[kind]]
        assert len(ids) == len(set(ids))
    entity_ids = {e["id"] for e in record["entities"]}
    attribution_ids = {a["id"] for a in record["attributions"]}
    time_ids = {t["id"] for t in record["times"]}
    for a in record["attributions"]:
        assert a["parent"] is None or a["parent"] in attribution_ids
        assert set(a["via"]) <= entity_ids
        assert a["time"] is None or a["time"] in time_ids
        if a["source"]:
            assert set(a["source"]["entities"]) <= entity_ids
    for f in record["figures"]:
        assert f["attribution"] is None or f["attribution"] in attribution_ids
        assert f["entity"] is None or f["entity"] in entity_ids
        bounds = [b for b in (f["low"], f["value"], f["high"]) if b is not None]
        assert bounds == sorted(bounds)
