"""The entry points run the real extractor over the tiny fixtures and return full reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.evaluation import (
    evaluate_newsquant,
    evaluate_polnear,
    evaluate_references,
    evaluate_timeml,
)
from claimledger.extraction import Extractor

DATA = Path(__file__).parent.parent / "data" / "evaluation"


@pytest.mark.slow
def test_every_entry_point_runs_the_extractor(nlp):
    extractor = Extractor(nlp=nlp)
    calls = []
    reports = {
        "polnear": evaluate_polnear(DATA / "polnear", "dev", extractor, progress=lambda *c: calls.append(c)),
        "timeml": evaluate_timeml(DATA / "timeml", extractor),
        "newsquant": evaluate_newsquant(DATA / "newsquant.json", extractor),
        "reference": evaluate_references(DATA / "reference", extractor),
    }
    assert calls == [(1, 2), (2, 2)]
    for report in reports.values():
        assert all(v is None or 0 <= v <= 100 for v in report.metrics().values())
        assert report.rows() and report.to_json()["metrics"]
    # the plainest cases each dataset holds are found
    assert reports["polnear"].metrics()["linked_r"] > 0
    assert reports["timeml"].metrics()["relaxed_r"] > 0
    assert reports["newsquant"].metrics()["value_r"] > 0
    assert reports["reference"].metrics()["attr_r"] > 0
