"""The server fetches public addresses only: every spelling of a private one is refused, before
the first request and on every redirect (claimledger/ledger/netguard.py)."""

from __future__ import annotations

import httpx
import pytest

from claimledger.errors import ClaimLedgerError
from claimledger.ledger import fetch, netguard

PUBLIC = "93.184.215.14"

REFUSED = [
    "http://127.0.0.1/",
    "http://127.1.2.3:8080/admin",
    "http://localhost/",
    "http://0.0.0.0/",
    "http://10.0.0.5/",
    "http://172.16.0.1/",
    "http://172.31.255.255/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://[::1]/",
    "http://[::]/",
    "http://[fc00::1]/",
    "http://[fd00:ec2::254]/",
    "http://[fe80::1]/",
    "http://[fe80::1%25eth0]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[2002:7f00:1::]/",  # 6to4 around 127.0.0.1
    "http://2130706433/",  # 127.0.0.1 as one decimal number
    "http://0x7f000001/",
    "http://0177.0.0.1/",  # octal
    "http://017700000001/",
    "http://127.1/",
    "http://internal.example/",  # a name that resolves to loopback
]


@pytest.fixture(autouse=True)
def dns(monkeypatch):
    """Stand-in DNS: internal.example is loopback, anything else a public address."""
    names = {"internal.example": ["127.0.0.1"], "localhost": ["127.0.0.1", "::1"]}
    monkeypatch.setattr(netguard, "resolve", lambda host: names.get(host, [PUBLIC]))


def served(request: httpx.Request) -> httpx.Response:
    """A public site whose /away redirects to the cloud metadata address."""
    if request.url.path == "/away":
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    if request.url.path == "/hop":
        return httpx.Response(301, headers={"Location": "http://news.example/away"})
    return httpx.Response(200, headers={"content-type": "text/html"}, text="<html><p>fine</p></html>")


def guarded() -> httpx.Client:
    return fetch.client(public_only=True, transport=httpx.MockTransport(served))


@pytest.mark.parametrize("url", REFUSED)
def test_private_addresses_are_refused(url):
    with guarded() as http, pytest.raises(ClaimLedgerError, match="refused|not a valid URL"):
        fetch.fetch(http, url)


def test_a_public_address_is_fetched():
    with guarded() as http:
        assert fetch.fetch(http, "http://news.example/story").body.endswith(b"fine</p></html>")


@pytest.mark.parametrize("start", ["http://news.example/away", "http://news.example/hop"])
def test_a_redirect_to_a_private_address_is_refused(start):
    with guarded() as http, pytest.raises(ClaimLedgerError, match=r"169\.254\.169\.254"):
        fetch.fetch(http, start)


def test_a_name_with_one_private_address_among_public_ones_is_refused(monkeypatch):
    monkeypatch.setattr(netguard, "resolve", lambda host: [PUBLIC, "10.1.2.3"])
    with pytest.raises(ClaimLedgerError, match="10.1.2.3"):
        netguard.check_host("mixed.example")


def test_other_schemes_are_refused():
    with pytest.raises(ClaimLedgerError, match="only http and https"):
        netguard.check_request(httpx.Request("GET", "ftp://news.example/file"))


def test_the_cli_client_still_fetches_anything():
    """Without public_only (the CLI's default), the guard is not in the way."""
    with fetch.client(transport=httpx.MockTransport(served)) as http:
        assert fetch.fetch(http, "http://127.0.0.1/story").body


@pytest.mark.parametrize("address", ["8.8.8.8", "2606:4700:4700::1111", PUBLIC])
def test_public_addresses_pass(address):
    assert not netguard.forbidden(netguard.literal_address(address))


def test_the_web_app_refuses_to_fetch_private_addresses(client):
    for url in ("http://127.0.0.1:8000/api/articles", "http://[::ffff:127.0.0.1]/", "http://2130706433/"):
        response = client.post("/api/extract", json={"fetch": url})
        assert response.status_code == 422, url
        assert "refused" in response.json()["detail"]


def test_the_web_app_follows_the_guard_on_redirects(ledger_copy, extractor):
    from fastapi.testclient import TestClient

    from claimledger.web import create_app

    app = create_app(ledger_copy, extractor=extractor, http_transport=httpx.MockTransport(served))
    with TestClient(app) as client:
        refused = client.post("/api/extract", json={"fetch": "http://news.example/away"})
        assert refused.status_code == 422 and "169.254.169.254" in refused.json()["detail"]
        fine = client.post("/api/extract", json={"fetch": "http://news.example/story"})
        assert fine.status_code == 200 and fine.json()["article"]["text"].strip() == "fine"


def test_allow_private_fetch_lifts_the_guard(ledger_copy, extractor):
    from fastapi.testclient import TestClient

    from claimledger.web import create_app

    app = create_app(
        ledger_copy, extractor=extractor, allow_private_fetch=True, http_transport=httpx.MockTransport(served)
    )
    with TestClient(app) as client:
        assert client.post("/api/extract", json={"fetch": "http://127.0.0.1/story"}).status_code == 200
