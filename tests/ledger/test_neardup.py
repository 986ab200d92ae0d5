"""Near-duplicate detection: wire copies match, different reports on one event do not."""

from __future__ import annotations

import json

from claimledger.ledger import neardup
from tests.ledger.recorded import ARTICLES

ROWS = {row["id"]: row["text"] for row in map(json.loads, ARTICLES.read_text(encoding="utf-8").splitlines())}


def similarity(a: str, b: str) -> float:
    return neardup.similarity(neardup.signature(a), neardup.signature(b))


def test_a_wire_copy_with_a_dateline_and_an_edit_is_a_near_duplicate():
    assert similarity(ROWS["voa-8006651"], ROWS["wire-voa-8006651"]) >= neardup.THRESHOLD


def test_two_reports_of_the_same_attack_are_not():
    assert similarity(ROWS["voa-8006651"], ROWS["voa-8009314"]) < 0.3


def test_signature_survives_the_database_and_bands_are_stable():
    signature = neardup.signature(ROWS["nk-troops-russia"])
    assert (neardup.from_blob(neardup.to_blob(signature)) == signature).all()
    assert neardup.bands(signature) == neardup.bands(neardup.signature(ROWS["nk-troops-russia"]))
    assert len(set(neardup.bands(signature))) == neardup.BANDS
