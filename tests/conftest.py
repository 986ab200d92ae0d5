"""Shared fixtures: one loaded pipeline for the whole run, and a parse helper."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import settings

from claimledger.annotations import register_extensions
from claimledger.ledger import grouping
from tests.ledger.embedders import WordEmbedder

# A fixed budget in CI; HYPOTHESIS_PROFILE=long for a longer hunt on demand.
settings.register_profile("long", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
# The sample article, from ../shared when it is beside the clone, else the copy under examples/.
SAMPLE = SHARED / "articles" / "nk-troops-russia.txt"
if not SAMPLE.exists():
    SAMPLE = REPO / "examples" / "nk-troops-russia.txt"
SAMPLE_PUBLISHED = dt.date(2024, 10, 29)


@pytest.fixture(autouse=True)
def word_embedder(monkeypatch) -> WordEmbedder:
    """Claim grouping at ingest with word-overlap vectors instead of the sentence model, which
    takes seconds to load; the model's own test (tests/ledger/test_claims_model.py) passes it."""
    embedder = WordEmbedder()
    monkeypatch.setattr(grouping, "default_embedder", lambda: embedder)
    return embedder


@pytest.fixture(scope="session")
def nlp():
    from claimledger.pipeline import load

    register_extensions()
    return load()


@pytest.fixture(scope="session")
def parse(nlp):
    """parse(text, published=None) -> Doc through the whole claimledger pipeline."""

    def run(text: str, published: dt.date | None = None):
        doc = nlp.make_doc(text)
        doc._.published = published
        return nlp(doc)

    return run
