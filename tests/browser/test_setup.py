"""Without Chromium the browser tests fail with what to run, unless skipping them was asked for."""

from __future__ import annotations

import pytest

from tests.browser import live


def test_a_missing_browser_fails_and_says_make_browser(monkeypatch):
    monkeypatch.setattr(live, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.delenv(live.SKIP_VARIABLE, raising=False)
    with pytest.raises(pytest.fail.Exception, match="run `make browser`"):
        live.require_chromium()


def test_skipping_is_explicit(monkeypatch):
    monkeypatch.setattr(live, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv(live.SKIP_VARIABLE, "1")
    with pytest.raises(pytest.skip.Exception):
        live.require_chromium()
