"""Headless Chromium for browser tests (the widget, the staff console): the `browser` fixture
of tests/e2e/conftest.py launches it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
