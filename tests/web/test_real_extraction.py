"""With the real pipeline: the API's record is the one the library (and so the CLI) makes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import claimledger
from claimledger.web import create_app
from tests.conftest import SAMPLE
from tests.ledger.embedders import WordEmbedder


@pytest.mark.slow
def test_extract_endpoint_returns_the_library_record(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    with TestClient(create_app(tmp_path / "ledger.db", embedder=WordEmbedder())) as client:
        response = client.post(
            "/api/extract", json={"text": text, "published": "2024-10-29", "title": "Troops"}
        )
        assert response.status_code == 200
        record = response.json()
        expected = claimledger.extract(text, published="2024-10-29", title="Troops")
        for found in (record, expected):
            found["provenance"].pop("extracted")
        assert record == expected
        stored = client.post("/api/articles", json={"text": text, "published": "2024-10-29"}).json()
        page = client.get(f"/articles/{stored['id']}.json").json()
        assert len(page["attributions"]) == len(expected["attributions"])
        assert {"source", "cue", "content", "figure", "time"} <= {
            k for s in page["segments"] for k in s["kinds"]
        }
