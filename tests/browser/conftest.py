"""Browser fixtures: one live server and one headless Chromium for the whole session."""

from __future__ import annotations

import pytest

from claimledger.web import create_app
from tests.browser.live import build_ledger, launch, live_server, require_chromium
from tests.web.conftest import StubExtractor


@pytest.fixture(scope="session")
def ledger_path(tmp_path_factory):
    return build_ledger(tmp_path_factory.mktemp("browser") / "ledger.db")


@pytest.fixture(scope="session")
def base_url(ledger_path):
    """The app as `serve` runs it on loopback (the fetch guard on, no token), over the fixture ledger."""
    with live_server(create_app(ledger_path, extractor=StubExtractor())) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records dialogs, console errors and CSP violations."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.console = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: page.console.append(message.text))
    yield page
    context.close()
