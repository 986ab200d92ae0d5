"""Untrusted text stays text, strangers' requests stay harmless, and files stay in /static."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from claimledger.web import create_app
from claimledger.web.article_view import safe_url
from tests.web.conftest import TOKEN, XSS_TEXT, XSS_TITLE, XSS_URL


@pytest.fixture
def xss_id(client) -> str:
    response = client.post("/api/articles", json={"text": XSS_TEXT, "title": XSS_TITLE, "url": XSS_URL})
    assert response.status_code == 201
    return response.json()["id"]


def test_every_response_carries_a_policy_that_forbids_inline_script(reader_client, sample_id):
    for path in (
        "/",
        f"/articles/{sample_id}",
        "/api/articles",
        "/figures.json",
        "/static/app.js",
        "/nothing",
    ):
        headers = reader_client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy, path
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"


def test_templates_have_no_inline_script_or_handlers(reader_client, sample_id):
    for path in (
        "/",
        f"/articles/{sample_id}",
        "/figures",
        "/search?q=troops",
        "/paste",
        "/sources",
        "/docs",
    ):
        page = reader_client.get(path).text
        assert re.findall(r"<script\b[^>]*>", page) == ['<script src="/static/app.js" defer>'], path
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", page), path
        assert "javascript:" not in page, path


def test_article_payloads_render_as_inert_text(client, xss_id):
    page = client.get(f"/articles/{xss_id}").text
    # The payloads are there, as text: escaped, never as markup.
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
    assert "&lt;a href=&#34;javascript:alert(2)&#34;&gt;" in page
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in page
    assert re.findall(r"<script\b[^>]*>", page) == ['<script src="/static/app.js" defer>']
    assert "<img" not in page and not re.search(r"<[^>]*\sonerror\s*=", page)
    # The javascript: URL of record is shown, not linked.
    assert 'href="javascript:' not in page
    assert '<span id="article-url">javascript:alert(4)</span>' in page
    # The JSON twin holds the text as it was, and the attribution around it.
    data = client.get(f"/articles/{xss_id}.json").json()
    assert data["article"]["title"] == XSS_TITLE and data["article"]["link"] is None
    assert "".join(segment["text"] for segment in data["segments"]) == XSS_TEXT


def test_payloads_are_inert_on_every_page_that_shows_them(client, xss_id):
    for path in ("/", "/articles", "/search?q=pwned", "/sources"):
        page = client.get(path).text
        assert "<script>" not in page and "<img" not in page, path


def test_pasted_payloads_render_as_inert_text(client):
    page = client.post("/paste", data={"text": XSS_TEXT, "title": XSS_TITLE}).text
    assert "not stored" in page
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;document.title" in page


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a", True),
        ("http://example.org/a", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//evil.example/a", False),
        ("file:///etc/passwd", False),
        (None, False),
    ],
)
def test_only_http_links(url, safe):
    assert (safe_url(url) is not None) == safe


def test_forms_carry_the_token_and_refuse_without_it(token_client, sample_id):
    attribution = token_client.get(f"/articles/{sample_id}.json").json()["attributions"][0]["id"]
    form = {"target_type": "attribution", "target": attribution, "action": "accept", "author": "Ana"}
    assert token_client.post("/review", data=form, follow_redirects=False).status_code == 401
    accepted = token_client.post("/review", data=form | {"token": TOKEN}, follow_redirects=False)
    assert accepted.status_code == 303
    assert 'name="token"' in token_client.get(f"/articles/{sample_id}").text
    stored = token_client.post("/paste", data={"text": "Officials said it rained.", "store": "yes"})
    assert stored.status_code == 401


def test_cross_site_writes_are_refused(client, sample_id):
    attribution = client.get(f"/articles/{sample_id}.json").json()["attributions"][0]["id"]
    form = {"target_type": "attribution", "target": attribution, "action": "reject", "author": "Mallory"}
    refused = client.post("/review", data=form, headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403
    same = client.post("/review", data=form, headers={"Origin": "http://testserver"}, follow_redirects=False)
    assert same.status_code == 303


def test_only_loopback_host_names_when_serving_on_loopback(filled_path, extractor):
    app = create_app(filled_path, extractor=extractor, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/articles").status_code == 200
        assert local.get("/api/articles", headers={"Host": "rebound.evil.example"}).status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/static//etc/passwd",
        "/static/templates/../../web/app.py",
    ],
)
def test_static_files_stay_in_their_folder(reader_client, path):
    response = reader_client.get(path)
    assert response.status_code == 404
    assert "create_app" not in response.text and "[project]" not in response.text


def test_static_files_are_served(reader_client):
    assert "showAttribution" in reader_client.get("/static/app.js").text
    assert reader_client.get("/static/style.css").headers["content-type"].startswith("text/css")
