"""Headless Chromium for browser tests (the widget, the staff console).

Import the fixture into a test module with
`from tests.browser_fixtures import browser_fixture  # noqa: F401`; tests then ask for `browser`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Playwright's own browser download is not used: the system Chromium is (see `make browsers`).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--headless=new"]


def chromium_or_skip() -> Any:
    """Playwright's `sync_playwright`, or a skip saying what is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium absent ({CHROMIUM}) : lancez `make browsers`.")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Le paquet Python playwright n'est pas installé : lancez `make install`.")
    return sync_playwright


# Module scope: Playwright's sync API keeps an event loop running in the test thread while it
# is alive, which would break later tests that run their own loop (the in-process assistant).
@pytest.fixture(scope="module", name="browser")
def browser_fixture() -> Iterator[Any]:
    sync_playwright = chromium_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
