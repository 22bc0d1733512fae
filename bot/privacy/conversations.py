"""The conversations in the tracker store (SQL): who they are, and erasing them."""

from __future__ import annotations

import json
from typing import Iterable, List, Set

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

from bot.callbacks.form_answers import CALLBACK_FORM
from bot.privacy.redaction import redacted

REDACTABLE_TYPES = ("user", "bot", "slot")


def user_texts(store: SQLTrackerStore, sender_ids: Iterable[str]) -> Set[str]:
    """What the patients typed in these conversations (to find flags made of their questions)."""
    Event = store.SQLEvent
    with store.session_scope() as session:
        rows = session.query(Event.data).filter(Event.sender_id.in_(list(sender_ids)), Event.type_name == "user")
        texts: Set[str] = set()
        for (data,) in rows:
            event = json.loads(data)
            texts.update(text for text in (event.get("text"), (event.get("metadata") or {}).get("original_text"))
                         if text)
        return texts


def delete_conversations(store: SQLTrackerStore, sender_ids: Iterable[str]) -> int:
    """Erases every event of these conversations; returns how many conversations had any."""
    Event = store.SQLEvent
    ids = list(sender_ids)
    with store.session_scope() as session:
        found = session.query(sa.func.count(sa.distinct(Event.sender_id))).filter(Event.sender_id.in_(ids)).scalar()
        session.query(Event).filter(Event.sender_id.in_(ids)).delete(synchronize_session=False)
        session.commit()
    return int(found or 0)


def conversations_idle_since(store: SQLTrackerStore, cutoff_timestamp: float) -> List[str]:
    """Conversations whose last event is older than the cutoff (Unix time)."""
    Event = store.SQLEvent
    with store.session_scope() as session:
        rows = (
            session.query(Event.sender_id)
            .group_by(Event.sender_id)
            .having(sa.func.max(Event.timestamp) < cutoff_timestamp)
        )
        return [sender_id for (sender_id,) in rows]


def redact_last_form(store: SQLTrackerStore, sender_id: str) -> None:
    """Erases the content of what was said since the conversation's last callback form started."""
    Event = store.SQLEvent
    with store.session_scope() as session:
        start = (
            session.query(sa.func.max(Event.id))
            .filter(Event.sender_id == sender_id, Event.type_name == "active_loop", Event.action_name == CALLBACK_FORM)
            .scalar()
        )
        if start is None:
            return
        rows = session.query(Event).filter(
            Event.sender_id == sender_id, Event.id > start, Event.type_name.in_(REDACTABLE_TYPES)
        )
        for row in rows:
            cleaned = redacted(json.loads(row.data))
            if cleaned is not None:
                row.data = json.dumps(cleaned)
        session.commit()
