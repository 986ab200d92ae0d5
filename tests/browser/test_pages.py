"""The pages in a real browser: clicking a claim shows its details, the figures chart draws, a pasted
article comes back highlighted."""

from __future__ import annotations

import httpx
import pytest

from claimledger.web import create_app
from tests.browser.live import live_server
from tests.conftest import SAMPLE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def sample(base_url) -> dict:
    """The sample article's page data (its JSON twin), as the server holds it."""
    items = httpx.get(f"{base_url}/api/articles", params={"limit": 50}).json()["items"]
    found = next(item for item in items if item["title"].startswith("North Korea sends"))
    return httpx.get(f"{base_url}/articles/{found['id']}.json").json()


def test_clicking_an_attribution_shows_its_source_entity_certainty_and_chain(page, base_url, sample):
    page.goto(f"{base_url}/articles/{sample['article']['id']}")
    nested = next(a for a in sample["attributions"] if a["chain"] and a["source_entity"])
    panel = page.locator("#attribution-panel")
    assert panel.is_hidden()

    page.locator(f'#article-text a.seg.k-source[data-attribution="{nested["id"]}"]').first.click()

    assert panel.is_visible()
    assert panel.get_attribute("data-attribution") == nested["id"]
    assert panel.locator('[data-field="source-entity"]').inner_text() == (
        f"{nested['source_entity']['name']} ({nested['source_entity']['type']})"
    )
    assert panel.locator('[data-field="certainty"]').inner_text().startswith(nested["certainty"])
    chain = panel.locator('[data-field="chain"]').inner_text()
    assert all(link["source"] in chain for link in nested["chain"] if link["source"])
    # The click stayed on the page (the script took it) and marked the claim's segments.
    assert page.url.endswith(sample["article"]["id"])
    selected = page.locator("#article-text .seg.selected")
    assert selected.count() >= 1
    assert {selected.nth(n).get_attribute("data-attribution") for n in range(selected.count())} == {
        nested["id"]
    }

    # A link in the chain moves the panel to the outer claim.
    outer = nested["chain"][0]["id"]
    panel.locator(f'[data-field="chain"] [data-attribution="{outer}"]').click()
    assert panel.get_attribute("data-attribution") == outer
    assert not page.dialogs


def test_highlights_are_coloured_by_kind(page, base_url, sample):
    page.goto(f"{base_url}/articles/{sample['article']['id']}")
    colours = {
        kind: page.locator(f"#article-text .seg.k-{kind}").first.evaluate(
            "e => getComputedStyle(e).backgroundColor + ' ' + getComputedStyle(e).borderBottomColor"
        )
        for kind in ("source", "cue", "content")
    }
    assert len(set(colours.values())) == 3, colours
    assert page.locator("#legend li").count() == 6


def test_figures_page_draws_the_estimates(page, base_url):
    data = httpx.get(f"{base_url}/figures.json").json()
    drawn = [q for q in data["questions"] if q["chart"]["points"]]
    assert drawn, "the fixture ledger has no dated estimates to draw"
    page.goto(f"{base_url}/figures")
    for question in drawn:
        chart = page.locator(f"#chart-{question['id']}")
        box = chart.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 100
        dots = chart.locator("g.estimate circle")
        assert dots.count() == len(question["chart"]["points"])
        assert all(dots.nth(n).is_visible() for n in range(dots.count()))
        assert (
            chart.locator("g.estimate title").first.text_content() == question["chart"]["points"][0]["label"]
        )
    conflicted = [q for q in drawn if q["conflict"]]
    assert page.locator("[data-conflict]").count() == len(conflicted)


@pytest.mark.slow
def test_pasting_an_article_shows_it_highlighted(browser, ledger_path):
    """The real pipeline (no stand-in): the sample article's first paragraphs, pasted."""
    text = "\n".join(SAMPLE.read_text(encoding="utf-8").splitlines()[:3])
    with live_server(create_app(ledger_path)) as url:
        page = browser.new_page()
        page.goto(f"{url}/paste")
        page.fill("#paste-text", text)
        page.fill("#paste-title", "Pasted")
        page.fill("#paste-published", "2024-10-29")
        page.click("#paste-submit")
        page.wait_for_selector("#article-text a.seg", timeout=120_000)
        assert page.locator(".unstored").is_visible()
        assert page.inner_text("#article-title") == "Pasted"
        sources = page.locator("#article-text a.seg.k-source").all_inner_texts()
        assert any("Pentagon" in source for source in sources), sources
        assert page.locator("#article-text a.seg.k-figure").count() >= 1
        assert page.text_content("#article-text") == text
        page.close()
