"""A long conversation is read as a bounded window that keeps the full conversation's state."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import List

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, _create_from_endpoint_config
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.commands.run import server_environment
from bot.paths import ROOT
from bot.storage.tracker_store import WindowedSQLTrackerStore

WINDOW = 20


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def store(tmp_path: Path, domain: Domain) -> WindowedSQLTrackerStore:
    return WindowedSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "tracker.db"), window=WINDOW)


def turn(number: int) -> List[Event]:
    return [
        UserUttered(f"question {number}", {"name": "faq", "confidence": 1.0}),
        ActionExecuted("utter_faq"),
        BotUttered(f"réponse {number}"),
        ActionExecuted("action_listen"),
    ]


def conversation(turns: int) -> List[Event]:
    events: List[Event] = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    events += [SlotSet("first_name", "Alice"), ActiveLoop("callback_form")]
    for number in range(turns):
        events += turn(number)
    return events


def saved(tracker_store: WindowedSQLTrackerStore, events: List[Event]) -> None:
    tracker = DialogueStateTracker.from_events("patient", events, tracker_store.domain.slots)
    asyncio.run(tracker_store.save(tracker))


def stored_count(tracker_store: WindowedSQLTrackerStore) -> int:
    with tracker_store.session_scope() as session:
        return session.query(tracker_store.SQLEvent).count()


def test_a_short_conversation_is_read_as_rasa_reads_it(tmp_path: Path, domain: Domain) -> None:
    tracker_store = store(tmp_path, domain)
    saved(tracker_store, conversation(2))
    tracker = asyncio.run(tracker_store.retrieve("patient"))
    stock = asyncio.run(SQLTrackerStore.retrieve(tracker_store, "patient"))
    assert tracker is not None and stock is not None
    assert list(tracker.events) == list(stock.events)


def test_a_long_conversation_is_read_as_a_window_with_the_earlier_state(tmp_path: Path, domain: Domain) -> None:
    tracker_store = store(tmp_path, domain)
    events = conversation(50)
    saved(tracker_store, events)
    tracker = asyncio.run(tracker_store.retrieve("patient"))
    assert tracker is not None
    assert len(tracker.events) <= WINDOW + 2
    assert tracker.get_slot("first_name") == "Alice"
    assert tracker.active_loop_name == "callback_form"
    recent = [e for e in tracker.events if isinstance(e, (UserUttered, ActionExecuted, BotUttered))]
    assert recent[0] == ActionExecuted("action_listen")  # a whole turn first
    assert recent[-4:] == turn(49)


def test_only_the_new_events_of_a_windowed_tracker_are_stored(tmp_path: Path, domain: Domain) -> None:
    tracker_store = store(tmp_path, domain)
    events = conversation(50)
    saved(tracker_store, events)
    tracker = asyncio.run(tracker_store.retrieve("patient"))
    assert tracker is not None
    for event in turn(50):
        tracker.update(event)
    asyncio.run(tracker_store.save(tracker))
    asyncio.run(tracker_store.save(tracker))  # saving twice adds nothing
    assert stored_count(tracker_store) == len(events) + len(turn(50))
    full = asyncio.run(tracker_store.retrieve_full_tracker("patient"))
    assert full is not None
    assert list(full.events) == events + turn(50)


def test_the_assistant_endpoints_use_the_windowed_store(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rasa falls back to an in-memory store, with a mere warning, when the class cannot load."""
    for name, value in server_environment(actions_port=5055).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.db"))
    endpoint = AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.yml")).tracker_store
    assert isinstance(_create_from_endpoint_config(endpoint, domain), WindowedSQLTrackerStore)


def test_a_slot_set_at_every_turn_is_read_once(tmp_path: Path, domain: Domain) -> None:
    tracker_store = store(tmp_path, domain)
    events = conversation(0)
    for number in range(50):
        events += [*turn(number)[:-1], SlotSet("callback_offered_after_fallback", number % 2 == 0), turn(number)[-1]]
    saved(tracker_store, events)
    tracker = asyncio.run(tracker_store.retrieve("patient"))
    assert tracker is not None
    assert len(tracker.events) <= WINDOW + 3
    assert tracker.get_slot("callback_offered_after_fallback") is False  # set by the last turn, number 49
    assert tracker.get_slot("first_name") == "Alice"


def test_sqlite_keeps_one_connection_in_write_ahead_mode(tmp_path: Path, domain: Domain) -> None:
    tracker_store = store(tmp_path, domain)
    connections = []
    sa.event.listen(tracker_store.engine, "connect", lambda connection, _: connections.append(connection))
    for _ in range(3):
        saved(tracker_store, conversation(1))
        asyncio.run(tracker_store.retrieve("patient"))
    assert connections == []  # the one opened at start-up serves every message
    with tracker_store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
