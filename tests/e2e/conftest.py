"""Fixtures of the end-to-end tests: the served assistant, headless Chromium."""

from __future__ import annotations

from typing import Any, Iterator

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, chromium_or_skip
from tests.support.running_bot import RunningBot


@pytest.fixture(scope="session")
def running_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBot]:
    """The trained assistant served on free ports, shared by all end-to-end tests."""
    bot = RunningBot.start(tmp_path_factory.mktemp("running-bot"))
    yield bot
    bot.stop()


# Module scope: Playwright's sync API keeps an event loop running in the test thread while it
# is alive, which would break later tests that run their own loop (the in-process assistant).
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = chromium_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
