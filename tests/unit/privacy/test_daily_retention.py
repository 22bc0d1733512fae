"""Finding 4 of issue 13: the running server applies the retention period by itself."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace

import pytest

from bot.channels import retention
from tests.unit.privacy.conftest import save, stored_data, user


def test_the_server_purges_old_conversations_without_being_asked(tracker_store, domain_slots, monkeypatch):
    save(tracker_store, domain_slots, "web-old", [user("bonjour", at=time.time() - 400 * 86400)])
    save(tracker_store, domain_slots, "web-new", [user("bonjour")])
    monkeypatch.setattr(retention, "FIRST_PURGE_DELAY_SECONDS", 0)
    app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(tracker_store=tracker_store)))

    async def one_day() -> None:
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(retention.purge_daily(app), timeout=2)  # then sleeps until tomorrow

    asyncio.run(one_day())
    assert stored_data(tracker_store, "web-old") == ""
    assert stored_data(tracker_store, "web-new") != ""
