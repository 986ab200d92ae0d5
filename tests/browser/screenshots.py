"""Screenshots of the main pages for the README, over the recorded fixture ledger:
`.venv/bin/python -m tests.browser.screenshots [FOLDER]` (default docs/screenshots)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import httpx

from claimledger.web import create_app
from tests.browser.live import build_ledger, launch, live_server, require_chromium
from tests.conftest import REPO, SAMPLE
from tests.web.conftest import StubExtractor

FOLDER = REPO / "docs" / "screenshots"


def take(folder: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    require_chromium()
    folder.mkdir(parents=True, exist_ok=True)
    taken = []
    with tempfile.TemporaryDirectory() as work:
        ledger = build_ledger(Path(work) / "ledger.db", hostile=False)
        with (
            live_server(create_app(ledger, extractor=StubExtractor())) as url,
            sync_playwright() as playwright,
        ):
            items = httpx.get(f"{url}/api/articles", params={"limit": 50}).json()["items"]
            sample = next(item["id"] for item in items if item["title"].startswith("North Korea sends"))
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 960})

            def shot(name: str, path: str, before=None) -> None:
                page.goto(url + path)
                if before:
                    before()
                taken.append(folder / f"{name}.png")
                page.screenshot(path=taken[-1])

            def open_a_claim() -> None:
                page.locator("#article-text a.seg.k-source").nth(1).click()

            def fill_paste() -> None:
                page.fill("#paste-text", SAMPLE.read_text(encoding="utf-8"))
                page.fill("#paste-title", "North Korea sends 10,000 troops to Russia, Pentagon says")
                page.fill("#paste-published", "2024-10-29")
                page.locator("#paste-text").evaluate("e => { e.scrollTop = 0; }")
                page.locator("h1").click()  # nothing focused or selected in the picture

            shot("article", f"/articles/{sample}", open_a_claim)
            shot("figures", "/figures?about=troops")
            shot("sources", "/sources")
            shot("search", "/search?q=troops")
            shot("paste", "/paste", fill_paste)
            browser.close()
    return taken


if __name__ == "__main__":
    for path in take(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER):
        print(path)
