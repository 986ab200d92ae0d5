"""The defining example end to end: the sample article's ledger, frozen, and scored against its reference.

The frozen ledger (tests/data/nk-troops-russia.ledger.json) is a readable summary of the
record; when a change improves it on purpose, regenerate it with
`CLAIMLEDGER_UPDATE_GOLDEN=1 make test` and review the diff.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO, SAMPLE, SAMPLE_PUBLISHED, SHARED

pytestmark = pytest.mark.slow

FROZEN = REPO / "tests" / "data" / "nk-troops-russia.ledger.json"
GOLD = SHARED / "gold" / "nk-troops-russia.json"
SCORER = SHARED / "score" / "gold.py"
# The extraction issue's targets on the sample article.
TARGETS = {
    "attr_R": 95, "attr_P": 85, "source": 95, "cue": 90, "kind": 90, "certainty": 80, "nested": 75,
    "fig_R": 95, "fig_P": 90, "fig_value": 95, "fig_source": 85, "time_value": 100, "entity": 90,
}  # fmt: skip


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def record():
    from claimledger import extract

    return extract(sample_text(), published=SAMPLE_PUBLISHED)


def ledger(record: dict) -> dict:
    """Who says what, how sure, which figures and times: the fields a reader checks, by text."""
    names = {e["id"]: e["name"] for e in record["entities"]}
    contents = {a["id"]: a["content"]["text"] for a in record["attributions"]}
    return {
        "attributions": [
            {
                "source": a["source"] and (a["source"]["text"], [names[e] for e in a["source"]["entities"]]),
                "cue": a["cue"] and a["cue"]["text"],
                "content": a["content"]["text"],
                "kind": a["kind"],
                "certainty": a["certainty"],
                "stance": a["stance"],
                "polarity": a["polarity"],
                "parent": contents.get(a["parent"]),
                "via": [names[e] for e in a["via"]],
            }
            for a in record["attributions"]
        ],
        "figures": [
            [
                f["text"],
                f["value"],
                f["low"],
                f["high"],
                f["approximate"],
                f["unit"],
                contents.get(f["attribution"]),
            ]
            for f in record["figures"]
        ],
        "times": [[t["text"], t["type"], t["value"], t["earliest"], t["latest"]] for t in record["times"]],
        "entities": sorted(
            [e["name"], e["type"], sorted({m["text"] for m in e["mentions"]})] for e in record["entities"]
        ),
    }


def test_ledger_matches_the_frozen_one(record):
    got = json.loads(json.dumps(ledger(record)))  # tuples become lists, as in the file
    if os.environ.get("CLAIMLEDGER_UPDATE_GOLDEN"):
        FROZEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(FROZEN.read_text(encoding="utf-8"))


def test_every_span_indexes_the_text(record):
    text = record["article"]["text"]
    spans = [m for e in record["entities"] for m in e["mentions"]]
    for a in record["attributions"]:
        spans += [
            s for s in (a["source"], a["cue"], a["content"], *a["hedges"]) if s and s.get("start") is not None
        ]
    spans += record["figures"] + record["times"]
    assert spans
    for s in spans:
        assert text[s["start"] : s["end"]] == s["text"]


@pytest.mark.skipif(not SCORER.exists() or not GOLD.exists(), reason="../shared is not beside this clone")
def test_reference_ledger_targets(record, tmp_path):
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(record), encoding="utf-8")
    command = [sys.executable, SCORER, GOLD, SAMPLE, pred, "--json", tmp_path / "m.json", "--quiet"]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    metrics = json.loads((tmp_path / "m.json").read_text())
    below = {k: metrics[k] for k, floor in TARGETS.items() if (metrics[k] or 0) < floor}
    assert not below, out.stdout
