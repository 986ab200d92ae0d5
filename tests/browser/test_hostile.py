"""Untrusted article text, titles and URLs in a real browser: shown as text, never run; and the
Content-Security-Policy stops an inline script even if one slipped into a page."""

from __future__ import annotations

import httpx
import pytest

from tests.browser.live import PWN, XSS_ARTICLES, XSS_TEXT

pytestmark = pytest.mark.browser

# Listens for CSP violations from the first moment of every document.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="session")
def hostile_ids(base_url) -> dict[str, str]:
    """The ledger id of each XSS fixture article, by its input id."""
    items = httpx.get(f"{base_url}/api/articles", params={"limit": 50}).json()["items"]
    titles = {row["title"]: row["id"] for row in XSS_ARTICLES}
    return {titles[item["title"]]: item["id"] for item in items if item["title"] in titles}


def assert_inert(page) -> None:
    page.wait_for_timeout(300)  # time for an onerror or onload to fire, had it been allowed
    assert page.evaluate(f"typeof {PWN}") == "undefined", page.evaluate(PWN)
    assert page.dialogs == []
    assert page.locator("script:not([src])").count() == 0
    assert page.locator('[href^="javascript:" i], [src^="javascript:" i]').count() == 0
    assert page.locator("[onerror], [onload], [onclick], iframe, svg [onload]").count() == 0


def test_payloads_in_text_title_and_url_render_as_text(page, base_url, hostile_ids):
    page.goto(f"{base_url}/articles/{hostile_ids['xss-javascript-url']}")
    assert_inert(page)
    assert page.title().startswith("<script>")
    assert page.inner_text("#article-title") == XSS_ARTICLES[0]["title"]
    assert page.text_content("#article-text") == XSS_TEXT
    # A javascript: URL is shown, not linked.
    assert page.locator("#article-url").evaluate("e => e.tagName") == "SPAN"
    assert page.inner_text("#article-url") == XSS_ARTICLES[0]["url"]
    # Clicking the claim copies its (escaped) details into the panel: still text.
    page.locator("#article-text a.seg.k-source").first.click()
    assert XSS_TEXT[15:40] in page.inner_text("#attribution-panel")
    assert_inert(page)


def test_a_quote_breaking_url_stays_inside_its_attribute(page, base_url, hostile_ids):
    page.goto(f"{base_url}/articles/{hostile_ids['xss-quoted-url']}")
    assert_inert(page)
    assert page.locator("#article-url").get_attribute("href") == XSS_ARTICLES[1]["url"]
    assert page.inner_text("#article-title") == XSS_ARTICLES[1]["title"]
    assert "<body onload=" in page.text_content("#article-text")


@pytest.mark.parametrize(
    "path", ["/", "/articles", "/search?q=Officials", "/sources", "/review", "/articles.json"]
)
def test_lists_that_show_hostile_titles_run_nothing(page, base_url, path):
    page.goto(base_url + path)
    assert_inert(page)
    if not path.endswith(".json"):
        assert XSS_ARTICLES[0]["title"] in page.inner_text("main") or path in ("/sources", "/review")


def test_pasting_hostile_text_shows_it_as_text(page, base_url):
    page.goto(f"{base_url}/paste")
    page.fill("#paste-text", XSS_TEXT)
    page.fill("#paste-title", XSS_ARTICLES[0]["title"])
    page.click("#paste-submit")
    page.wait_for_selector("#article-text")
    assert_inert(page)
    assert page.text_content("#article-text") == XSS_TEXT
    assert page.inner_text("#article-title") == XSS_ARTICLES[0]["title"]


def test_csp_blocks_an_inline_script_that_slipped_into_a_page(page, base_url, hostile_ids):
    """Stand in for an escaping bug: the server's response, with an inline script and an inline
    handler spliced into its HTML, keeps its headers; the browser must refuse to run either."""
    injected = (
        f"<script>{PWN}='inline'</script><img id=probe src=/static/none.png onerror=\"{PWN}='handler'\">"
    )

    def splice(route):
        response = route.fetch()
        body = response.text().replace("<main>", "<main>" + injected, 1)
        route.fulfill(response=response, body=body)

    page.add_init_script(RECORD_VIOLATIONS)
    page.route(f"{base_url}/articles/*", splice)
    page.goto(f"{base_url}/articles/{hostile_ids['xss-javascript-url']}")
    page.wait_for_timeout(300)
    assert page.locator("script:not([src])").count() == 1  # it is in the page...
    assert page.evaluate(f"typeof {PWN}") == "undefined"  # ...and did not run
    violations = page.evaluate("window.__violations")
    assert any(v.startswith("script-src") for v in violations), violations
    assert any("Content Security Policy" in line for line in page.console), page.console
    # Our own script still runs under the same policy.
    page.locator("#article-text a.seg.k-source").first.click()
    assert page.locator("#attribution-panel").is_visible()


def test_the_same_splice_runs_without_the_policy(page, base_url, hostile_ids):
    """The control for the test above: with the CSP header dropped, the spliced script does run,
    so that test fails if the policy stops protecting."""

    def splice(route):
        response = route.fetch()
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-security-policy"}
        body = response.text().replace("<main>", f"<main><script>{PWN}='inline'</script>", 1)
        route.fulfill(status=response.status, headers=headers, body=body)

    page.route(f"{base_url}/articles/*", splice)
    page.goto(f"{base_url}/articles/{hostile_ids['xss-javascript-url']}")
    assert page.evaluate(PWN) == "inline"
