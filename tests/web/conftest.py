"""Web fixtures: the app in process over a ledger of the recorded fixture articles (no model)."""

from __future__ import annotations

import json
import shutil

import pytest
from fastapi.testclient import TestClient

from claimledger.ledger import Ledger, ingest
from claimledger.web import create_app
from tests.ledger.embedders import WordEmbedder
from tests.ledger.recorded import ARTICLES, RecordedExtractor

TOKEN = "s3cret-token"
# Untrusted text with every kind of payload a page must show as text and never run.
XSS_TEXT = (
    'Officials said <script>document.title="pwned"</script> and <img src=x onerror="alert(1)"> '
    'were posted with <a href="javascript:alert(2)">a link</a>.'
)
XSS_TITLE = '<script>alert("title")</script><img src=x onerror=alert(3)>'
XSS_URL = "javascript:alert(4)"


def fixture_articles() -> list[dict]:
    return [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines() if line.strip()]


class StubExtractor(RecordedExtractor):
    """The recorded records for the fixture texts; for any other text, a hand-made record whose one
    attribution is 'Officials said ...' when the text starts so (the XSS fixture), else none."""

    def extract_many(self, articles):
        for text, meta in articles:
            if text in self.known():
                yield from super().extract_many([(text, meta)])
            else:
                yield hand_record(text, meta)

    def known(self) -> set[str]:
        return {record["article"]["text"] for record in self.records.values()}


def hand_record(text: str, meta) -> dict:
    attributions = []
    if text.startswith("Officials said "):
        attributions.append(
            {
                "id": "a1",
                "source": {"text": "Officials", "start": 0, "end": 9, "entity": None, "entities": []},
                "cue": {"text": "said", "start": 10, "end": 14},
                "content": {"text": text[15:-1], "start": 15, "end": len(text) - 1},
                "kind": "indirect",
                "parent": None,
                "via": [],
                "certainty": "certain",
                "stance": "neutral",
                "polarity": "affirmed",
                "hedges": [],
                "time": None,
            }
        )
    return {
        "schema": "claimledger.article/1",
        "article": {
            "id": meta.id,
            "title": meta.title,
            "url": meta.url,
            "outlet": meta.outlet,
            "published": meta.published.isoformat() if meta.published else None,
            "language": "en",
            "text": text,
        },
        "provenance": {
            "claimledger": "0.1.0",
            "model": "hand-made",
            "extracted": "2026-01-01T00:00:00+00:00",
        },
        "entities": [],
        "attributions": attributions,
        "figures": [],
        "times": [],
    }


@pytest.fixture(scope="session")
def extractor() -> StubExtractor:
    return StubExtractor()


@pytest.fixture(scope="session")
def filled_path(tmp_path_factory, extractor):
    """A ledger file holding the seven fixture articles, made once; tests that write copy it."""
    path = tmp_path_factory.mktemp("web") / "ledger.db"
    with Ledger(path) as ledger:
        ingest(ledger, [str(ARTICLES)], extractor=extractor, embedder=WordEmbedder())
    return path


@pytest.fixture(scope="session")
def reader_client(filled_path, extractor):
    """A client for tests that only read: one app over the shared fixture ledger."""
    with TestClient(create_app(filled_path, extractor=extractor, embedder=WordEmbedder())) as client:
        yield client


@pytest.fixture
def ledger_copy(filled_path, tmp_path):
    copy = tmp_path / "ledger.db"
    shutil.copy(filled_path, copy)
    return copy


@pytest.fixture
def client(ledger_copy, extractor):
    """A client over a fresh copy of the fixture ledger, free to write; no token."""
    with TestClient(create_app(ledger_copy, extractor=extractor, embedder=WordEmbedder())) as client:
        yield client


@pytest.fixture
def token_client(ledger_copy, extractor):
    """As `client`, but the server holds a token, as `serve` off loopback does."""
    with TestClient(
        create_app(ledger_copy, extractor=extractor, embedder=WordEmbedder(), token=TOKEN)
    ) as client:
        yield client


@pytest.fixture(scope="session")
def sample_id(reader_client) -> str:
    """The ledger id of the sample article (North Korean troops)."""
    items = reader_client.get("/api/articles", params={"limit": 50}).json()["items"]
    return next(item["id"] for item in items if item["title"].startswith("North Korea sends"))
