"""A real conversation store (SQLite, the assistant's own class) and conversations to put in it."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from bot.paths import ROOT

Event = Dict[str, Any]


@pytest.fixture(scope="session")
def domain_slots() -> Any:
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture
def tracker_store(tmp_path: Path, domain_slots: Any) -> Any:
    from bot.storage.tracker_store import ClinicTrackerStore

    return ClinicTrackerStore(domain=domain_slots, dialect="sqlite", db=str(tmp_path / "tracker.db"))


def user(text: str, intent: str = "inform", at: Optional[float] = None) -> Event:
    return {"event": "user", "text": text, "timestamp": at or time.time(), "metadata": {"original_text": text},
            "parse_data": {"text": text, "intent": {"name": intent, "confidence": 1.0},
                           "entities": [{"entity": "x", "value": text}]}}


def bot(text: str) -> Event:
    return {"event": "bot", "text": text, "timestamp": time.time()}


def slot(name: str, value: Any) -> Event:
    return {"event": "slot", "name": name, "value": value, "timestamp": time.time()}


def loop(name: Optional[str]) -> Event:
    return {"event": "active_loop", "name": name, "timestamp": time.time()}


def action(name: str) -> Event:
    return {"event": "action", "name": name, "timestamp": time.time()}


def callback_form(refusal: str = "bien sûr que non") -> List[List[Event]]:
    """A callback form turn by turn, refused at the end."""
    return [
        [user("je veux etre rappele", "request_callback"), action("callback_form"), loop("callback_form"),
         slot("requested_slot", "first_name"), bot("Quel est votre prénom ?"), action("action_listen")],
        [user("Sophie"), action("callback_form"), slot("first_name", "Sophie"),
         bot("Sophie, à quel numéro de téléphone ?"), action("action_listen")],
        [user("06 12 34 56 78"), action("callback_form"), slot("phone", "+33612345678"),
         bot("Quand préférez-vous être rappelé ?"), action("action_listen")],
        [user("demain matin"), slot("time_slot", "demain matin"), user("douleur au genou apres injection")],
        [user(refusal), action("callback_form"), slot("consent", False), loop(None), action("action_submit_callback"),
         bot("D'accord : sans votre accord, je n'enregistre rien."), slot("first_name", None),
         action("action_listen")],
    ]


def save(store: Any, domain: Any, sender: str, events: List[Event]) -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker.from_dict(sender, events, domain.slots)
    asyncio.run(store.save(tracker))


def stored_data(store: Any, sender: str) -> str:
    with store.session_scope() as session:
        return "\n".join(row.data for row in session.query(store.SQLEvent).filter_by(sender_id=sender))
