"""Fixtures of the end-to-end tests: the served assistant, headless Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, List

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, chromium_or_skip
from tests.support.running_bot import RunningBot

# `make test` runs the tests on two workers (pytest-xdist, `--dist loadgroup`). An end-to-end
# module stays on one worker, so that its served assistant starts once; the modules that
# restart or share PostgreSQL never run beside each other.
SHARED_POSTGRESQL = {"test_multi_instance", "test_production_stores"}
END_TO_END = Path(__file__).parent


# First: pytest-xdist reads the groups in its own pytest_collection_modifyitems, which ran
# before this one (each module was spread over both workers, its assistant started twice).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    for item in items:
        if item.path.parent == END_TO_END:  # the hook sees the unit tests too
            module = item.path.stem
            item.add_marker(pytest.mark.xdist_group("postgresql" if module in SHARED_POSTGRESQL else module))


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
