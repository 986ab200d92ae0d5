"""SSRF against a live server: every way of asking it to fetch from this machine or a private
network is refused with a clear error, and the internal service it points at sees nothing.

The unit tests of the guard (tests/web/test_netguard.py) use a mock transport; here the server
opens real sockets, so a spelling the guard let through would show up as a hit on the service.
"""

from __future__ import annotations

import httpx
import pytest

# Hosts that are this machine, in every spelling; {port} is the internal service's.
LOOPBACK = [
    "127.0.0.1",
    "localhost",
    "127.1",
    "127.0.0.2",
    "0.0.0.0",
    "2130706433",
    "0x7f000001",
    "0x7f.0.0.1",
    "0177.0.0.1",
    "017700000001",
    "[::1]",
    "[::]",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "[0:0:0:0:0:ffff:127.0.0.1]",
    "internal.test",
    "v6.internal.test",
    "mapped.internal.test",
    "mixed.test",
]
# Private, link-local and metadata hosts (nothing listens there; the guard must not even try).
ELSEWHERE = [
    "10.0.0.1",
    "172.16.0.1",
    "192.168.0.1",
    "100.64.0.1",
    "169.254.169.254",
    "[fc00::1]",
    "[fd00:ec2::254]",
    "[fe80::1]",
    "[::ffff:169.254.169.254]",
    "[2002:a9fe:a9fe::]",
    "metadata.test",
    "lan.test",
]
ENDPOINTS = ["extract", "ingest", "paste"]


def ask_to_fetch(base: str, endpoint: str, url: str) -> httpx.Response:
    if endpoint == "paste":  # the paste page's URL field
        return httpx.post(f"{base}/paste", data={"fetch": url, "store": "yes"}, timeout=30)
    path = "/api/extract" if endpoint == "extract" else "/api/articles"
    return httpx.post(f"{base}{path}", json={"fetch": url}, timeout=30)


def assert_refused(response: httpx.Response, hits: list[str]) -> None:
    assert response.status_code == 422, response.text[:300]
    # httpx itself calls octal spellings (0177.0.0.1) not a valid URL: refused before any lookup.
    assert any(why in response.text for why in ("refused", "only http and https", "not a valid URL")), (
        response.text[:300]
    )
    assert hits == [], hits


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("host", LOOPBACK)
def test_this_machine_is_refused_in_every_spelling(base_url, internal, hits, dns, endpoint, host):
    url = f"http://{host}:{internal.server_address[1]}/article"
    assert_refused(ask_to_fetch(base_url, endpoint, url), hits)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("host", ELSEWHERE)
def test_private_link_local_and_metadata_addresses_are_refused(base_url, hits, dns, endpoint, host):
    assert_refused(ask_to_fetch(base_url, endpoint, f"http://{host}/latest/meta-data/"), hits)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1:6379/_INFO", "dict://127.0.0.1:11211/"],
)
def test_other_schemes_are_refused(base_url, hits, url):
    response = ask_to_fetch(base_url, "extract", url)
    assert response.status_code == 422 and hits == []


def test_the_control_without_the_guard_reaches_the_service(unguarded_url, internal, hits):
    """Shows the tests above would see a hit: with --allow-private-fetch the same URL is fetched."""
    url = f"http://127.0.0.1:{internal.server_address[1]}/article"
    response = ask_to_fetch(unguarded_url, "extract", url)
    assert response.status_code == 200
    assert response.json()["article"]["text"].strip() == "Officials said the internal service answered."
    assert hits == ["/article"]


def redirect(port: int, to: str, status: int = 302) -> str:
    return str(httpx.URL(f"http://news.test:{port}/redirect", params={"to": to, "status": status}))


def test_one_public_looking_hop_is_followed(base_url, internal, hits, dns):
    """The control for the redirect tests: news.test passes the guard (the stand-in DNS calls it
    public) and its redirect to another public-looking URL is followed to the page."""
    port = internal.server_address[1]
    response = ask_to_fetch(base_url, "extract", redirect(port, f"http://news.test:{port}/article"))
    assert response.status_code == 200, response.text
    assert [hit.split("?")[0] for hit in hits] == ["/redirect", "/article"]


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/article",
        "http://localhost:{port}/article",
        "http://2130706433:{port}/article",
        "http://[::ffff:127.0.0.1]:{port}/article",
        "http://[::1]:{port}/article",
        "http://internal.test:{port}/article",
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.test/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
    ],
)
def test_a_redirect_to_a_private_address_is_refused(base_url, internal, hits, dns, target, status):
    port = internal.server_address[1]
    response = ask_to_fetch(base_url, "extract", redirect(port, target.format(port=port), status))
    assert response.status_code == 422 and "refused" in response.json()["detail"]
    assert [hit.split("?")[0] for hit in hits] == ["/redirect"]  # the first hop, never the target


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_second_redirect_to_a_private_address_is_refused(base_url, internal, hits, dns, endpoint):
    port = internal.server_address[1]
    url = redirect(port, redirect(port, f"http://127.0.0.1:{port}/article"))
    response = ask_to_fetch(base_url, endpoint, url)
    assert response.status_code == 422 and "refused" in response.text
    assert [hit.split("?")[0] for hit in hits] == ["/redirect", "/redirect"]


def test_a_redirect_to_another_scheme_is_refused(base_url, internal, hits, dns):
    port = internal.server_address[1]
    response = ask_to_fetch(base_url, "extract", redirect(port, "file:///etc/passwd"))
    assert response.status_code == 422
    assert "root:" not in response.text
    assert [hit.split("?")[0] for hit in hits] == ["/redirect"]
