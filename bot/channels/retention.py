"""Applies the retention period (clinic.yml `retention_days`) once a day inside the Rasa server.

Plugged in as a channel (credentials.yml) so that it runs wherever the assistant runs; with
several instances each one purges, which is harmless (the second finds nothing left).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.tracker_store import SQLTrackerStore
from sanic import Blueprint, Sanic

from bot.privacy.erasure import purge
from bot.settings import load_settings

logger = logging.getLogger(__name__)

DAY_SECONDS = 24 * 3600
# Leaves the model time to load before the first purge.
FIRST_PURGE_DELAY_SECONDS = 60


def sql_store(app: Sanic) -> SQLTrackerStore | None:
    agent = getattr(app.ctx, "agent", None)
    store = getattr(agent, "tracker_store", None)
    store = getattr(store, "_tracker_store", store)  # Rasa wraps it in a FailSafeTrackerStore
    return store if isinstance(store, SQLTrackerStore) else None


async def purge_daily(app: Sanic) -> None:
    await asyncio.sleep(FIRST_PURGE_DELAY_SECONDS)
    while True:
        store = sql_store(app)
        if store is not None:
            days = load_settings().retention_days
            try:
                erased = await asyncio.to_thread(purge, days, store)
                logger.info("Retention (%s days): erased %s", days, erased.summary())
            except Exception:  # a database outage must not stop the next day's purge
                logger.exception("Retention purge failed; retried tomorrow.")
        await asyncio.sleep(DAY_SECONDS)


class RetentionInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "retention"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        retention = Blueprint(f"retention_{id(self)}", __name__)

        @retention.listener("after_server_start")
        async def start_purging(app: Sanic, _: Any) -> None:
            app.add_task(purge_daily(app))

        return retention
