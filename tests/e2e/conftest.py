"""Fixtures of the end-to-end tests: the served assistant, headless Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, List

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, chromium_or_skip
from tests.support.running_bot import RunningBot
from tests.support.webhook_receiver import WebhookReceiver, running_receiver

# `make test` runs the tests on two workers (pytest-xdist, `--dist loadgroup`). An end-to-end
# module stays on one worker, so that its served assistant starts once; the modules that
# restart or share PostgreSQL never run beside each other.
SHARED_POSTGRESQL = {"test_multi_instance", "test_production_stores"}
END_TO_END = Path(__file__).parent


# First: pytest-xdist reads the groups in its own pytest_collection_modifyitems, which ran
# before this one (each module was spread over both workers, its assistant started twice).
# The PostgreSQL group (three minutes: a cluster, fifty patients, a database restart) goes
# first: the Makefile keeps this order (--no-loadscope-reorder), so that one worker runs it
# while the other takes the rest; scheduled last, as by number of tests, it ran alone at the end.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    for item in items:
        if item.path.parent == END_TO_END:  # the hook sees the unit tests too
            item.add_marker(pytest.mark.xdist_group(group_of(item)))
    items.sort(key=lambda item: item.path.parent != END_TO_END or group_of(item) != "postgresql")


def group_of(item: pytest.Item) -> str:
    module = item.path.stem
    return "postgresql" if module in SHARED_POSTGRESQL else module


@pytest.fixture(scope="session")
def clinic_webhook() -> Iterator[WebhookReceiver]:
    """A local web server standing in for the clinic's: the callback requests it is sent."""
    with running_receiver() as receiver:
        yield receiver


# One served assistant per worker for every module that needs no other settings: each start
# costs 25-40 s (Rasa's imports and the model), most of an end-to-end module's time.
@pytest.fixture(scope="session")
def running_bot(tmp_path_factory: pytest.TempPathFactory, clinic_webhook: WebhookReceiver) -> Iterator[RunningBot]:
    """The trained assistant served on free ports, shared by all end-to-end tests; it sends
    the callback requests to `clinic_webhook`."""
    bot = RunningBot.start(
        tmp_path_factory.mktemp("running-bot"), extra_env={"CLINIC_NOTIFY_WEBHOOK_URL": clinic_webhook.url}
    )
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
