"""The HTTP API: every endpoint, its errors and its pages."""

from __future__ import annotations

import pytest

from tests.web.conftest import TOKEN, fixture_articles


def test_extract_returns_the_record_without_storing(client):
    article = fixture_articles()[0]
    before = client.get("/api/articles").json()["items"]
    response = client.post("/api/extract", json={"text": article["text"], "published": "2024-10-29"})
    assert response.status_code == 200
    record = response.json()
    assert record["schema"] == "claimledger.article/1"
    assert record["article"]["text"] == article["text"] and record["article"]["published"] == "2024-10-29"
    assert record["attributions"] and record["figures"]
    assert client.get("/api/articles").json()["items"] == before


def test_extract_reads_html(client):
    html = (
        "<html><head><title>Talks</title></head><body><article><p>Officials said the talks went well and "
        "that more would follow soon, according to the statement.</p></article></body></html>"
    )
    record = client.post("/api/extract", json={"html": html}).json()
    assert record["article"]["text"].startswith("Officials said the talks")


def test_ingest_stores_once(client):
    text = "Officials said the bridge was closed on Friday."
    first = client.post("/api/articles", json={"text": text, "title": "Bridge"})
    assert first.status_code == 201 and first.json()["status"] == "ingested"
    again = client.post("/api/articles", json={"text": text, "title": "Bridge"})
    assert again.status_code == 200 and again.json() == first.json() | {"status": "unchanged"}
    stored = client.get(f"/api/articles/{first.json()['id']}").json()
    assert stored["article"]["title"] == "Bridge"
    assert [a["content"]["text"] for a in stored["attributions"]] == ["the bridge was closed on Friday"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": "a", "html": "<p>a</p>"},
        {"text": ""},
        {"text": "   "},
        {"text": "x", "published": "soon"},
    ],
)
def test_bad_articles_are_422(client, body):
    response = client.post("/api/extract", json=body)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_writes_need_the_token_when_the_server_has_one(token_client):
    body = {"text": "Officials said the road was open."}
    assert token_client.post("/api/articles", json=body).status_code == 401
    wrong = token_client.post("/api/articles", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    right = token_client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 201
    # Reads and extraction without storing stay open; fetching a URL for someone does not.
    assert token_client.get("/api/articles").status_code == 200
    assert token_client.post("/api/extract", json=body).status_code == 200
    assert token_client.post("/api/extract", json={"fetch": "https://news.example/a"}).status_code == 401


def test_oversized_bodies_are_413(ledger_copy, extractor):
    from fastapi.testclient import TestClient

    from claimledger.web import create_app

    with TestClient(create_app(ledger_copy, extractor=extractor, max_body=1000)) as small:
        response = small.post("/api/extract", json={"text": "x" * 2000})
        assert response.status_code == 413
        assert "larger than 1,000 bytes" in response.json()["detail"]

        def chunks():  # no Content-Length: the body is counted as it streams in
            for _ in range(5):
                yield b"x" * 500

        streamed = small.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413


def test_list_endpoints_page_through_everything(reader_client):
    seen, offset = [], 0
    while offset is not None:
        page = reader_client.get("/api/articles", params={"limit": 2, "offset": offset}).json()
        seen += [item["id"] for item in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == len(fixture_articles())


@pytest.mark.parametrize("path", ["/api/attributions", "/api/sources", "/api/figures", "/api/search?q=said"])
def test_query_endpoints_are_paged(reader_client, path):
    first = reader_client.get(path, params={"limit": 2}).json()
    second = reader_client.get(path, params={"limit": 2, "offset": 2}).json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2 and second["offset"] == 2
    assert first["items"] != second["items"]


def test_attributions_filter(reader_client):
    probable = reader_client.get("/api/attributions", params={"certainty": "probable", "limit": 500}).json()[
        "items"
    ]
    assert probable and {claim["certainty"] for claim in probable} == {"probable"}
    pentagon = reader_client.get("/api/attributions", params={"source": "Pentagon"}).json()["items"]
    assert pentagon and all(
        "Pentagon" in claim["source"] or "Singh" in claim["source"] or "Sigh" in claim["source"]
        for claim in pentagon
    )
    words = reader_client.get("/api/attributions", params={"q": "Kursk"}).json()["items"]
    assert words and all("Kursk" in claim["content"] or "Kursk" in (claim["source"] or "") for claim in words)


def test_search_endpoint_has_facets_and_articles(reader_client):
    found = reader_client.get("/api/search", params={"q": "Kursk"}).json()
    assert (
        found["items"]
        and found["articles"]
        and set(found["facets"]) == {"source", "entity", "outlet", "month", "certainty"}
    )
    assert all("[Kursk]" in item["snippet"] for item in found["items"])


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/articles/0000000000000000", 404),
        ("/api/nothing", 404),
        ("/api/articles?limit=0", 422),
        ("/api/articles?limit=501", 422),
        ("/api/articles?offset=-1", 422),
        ("/api/search?q=%21%21", 422),
        ("/api/attributions?month=2024", 422),
    ],
)
def test_errors(reader_client, path, status):
    response = reader_client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"


def test_figures_endpoint_compares_sources(reader_client):
    questions = reader_client.get("/api/figures", params={"limit": 50}).json()["items"]
    troops = next(q for q in questions if q["title"] == "North Korea: troops in Russia")
    assert len(troops["sources"]) >= 2 and troops["estimates"]


def test_reads_do_not_wait_for_the_writer(client):
    """While the writer thread holds a write transaction open (a long ingest), reads go on."""
    import threading

    release = threading.Event()

    def long_write(ledger):
        with ledger.transaction():
            ledger.execute("UPDATE articles SET title = 'renamed'")
            release.wait(10)

    busy = client.app.state.writer.submit(long_write)
    try:
        items = client.get("/api/articles").json()["items"]
        assert items and "renamed" not in {item["title"] for item in items}  # the last committed state
        assert not busy.done()
    finally:
        release.set()
    busy.result(timeout=10)
    assert {item["title"] for item in client.get("/api/articles").json()["items"]} == {"renamed"}


def test_an_article_stored_without_its_text_still_shows_its_claims(client):
    text = "Officials said the border stayed closed."
    stored = client.post("/api/articles", json={"text": text, "store_text": False}).json()
    data = client.get(f"/articles/{stored['id']}.json").json()
    assert data["segments"] == [] and [a["content"] for a in data["attributions"]] == [
        "the border stayed closed"
    ]
    assert "keeps no text for this article" in client.get(f"/articles/{stored['id']}").text


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://news.example/", "ftp://news.example/a"])
def test_only_web_urls_are_fetched(client, url):
    response = client.post("/api/extract", json={"fetch": url})
    assert response.status_code == 422 and "only http and https" in response.json()["detail"]


def test_a_feed_is_not_an_article(ledger_copy, extractor):
    import httpx
    from fastapi.testclient import TestClient

    from claimledger.web import create_app

    feed = (
        '<?xml version="1.0"?><rss><channel><item><link>https://news.example/a</link></item></channel></rss>'
    )
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, headers={"content-type": "application/rss+xml"}, text=feed)
    )
    with TestClient(
        create_app(ledger_copy, extractor=extractor, http_transport=transport, allow_private_fetch=True)
    ) as client:
        response = client.post("/api/articles", json={"fetch": "https://news.example/feed.xml"})
        assert response.status_code == 422 and "is a feed" in response.json()["detail"]
