"""Rasa's SQL tracker store, with a cost per message that does not grow with the conversation.

Stock `SQLTrackerStore` reads, deserialises and replays every event of the current session on
each message; the policies then featurise all of them and each custom action receives them all.
A widget conversation lasts as long as the browser keeps it, so message 300 cost four times
message 1. Here a conversation is read as its last `window` events (cut at the start of a
turn), preceded by the slot and form events that came before: the slots, the active form and
the recent turns the rules look at are those of the full conversation, every event is still
stored, and what is read, replayed and sent to the action server stays bounded.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any, Iterator, List, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.conversations import redact_last_form
from bot.privacy.redaction import form_just_ended
from bot.storage.outage import through_outage

# About ten turns: more than any rule looks back (the previous action and one message) or an
# action (the previous turn, bot.knowledge.misunderstanding).
DEFAULT_WINDOW = 50
# Events that change what outlives a turn: slot values, the active form, a paused conversation.
# A restart among them resets what came before it, as in the full conversation.
STATE_EVENT_TYPES = ("slot", "reset_slots", "active_loop", "pause", "resume", "restart")


class WindowedTracker(DialogueStateTracker):
    """A tracker read through a window: knows how many of its events are already stored."""

    stored_events: int = 0


class WindowedSQLTrackerStore(SQLTrackerStore):
    engine: sa.engine.Engine

    def __init__(self, *args: Any, window: int = DEFAULT_WINDOW, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.window = int(window)
        if self.engine.dialect.name == "sqlite":
            # Rasa's engine opens a connection per query on SQLite: 25 ms a message here.
            self.engine.dispose()
            self.engine = sa.create_engine(
                self.engine.url, poolclass=sa.pool.QueuePool, pool_size=1, connect_args={"check_same_thread": False}
            )
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
            sa.event.listen(self.engine, "connect", use_write_ahead_log)
        events = self.SQLEvent.__table__
        # The latest session start, a sender's last events and its state events: index seeks.
        # The last state event of each kind is read from the index alone (it holds every column
        # the query needs): otherwise each earlier slot event of the conversation was fetched
        # from the table, and message 300 read the conversation 1.8 ms slower than message 1.
        for index in (
            sa.Index("events_sender_id_id", events.c.sender_id, events.c.id),
            sa.Index("events_sender_type_timestamp", events.c.sender_id, events.c.type_name, events.c.timestamp),
            sa.Index(
                "events_sender_state_kinds",
                events.c.sender_id, events.c.type_name, events.c.action_name, events.c.id, events.c.timestamp,
            ),
        ):
            index.create(self.engine, checkfirst=True)

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        with self.session_scope() as session:
            session_start = self._session_start(session, sender_id)
            in_session = self._in_session(sender_id, session_start)
            latest = (
                session.query(self.SQLEvent.id, self.SQLEvent.type_name, self.SQLEvent.action_name, self.SQLEvent.data)
                .filter(in_session)
                .order_by(self.SQLEvent.id.desc())
                .limit(self.window)
                .all()
            )
            if not latest:
                return None
            recent = turn_aligned(list(reversed(latest))) if len(latest) == self.window else list(reversed(latest))
            # The last event of each kind before the window (a slot's name is its action_name):
            # replayed in order, they give the state the full conversation had there.
            last_of_each_kind = (
                session.query(sa.func.max(self.SQLEvent.id))
                .filter(in_session, self.SQLEvent.id < recent[0].id, self.SQLEvent.type_name.in_(STATE_EVENT_TYPES))
                .group_by(self.SQLEvent.type_name, self.SQLEvent.action_name)
            )
            earlier = (
                session.query(self.SQLEvent.data)
                .filter(self.SQLEvent.id.in_(last_of_each_kind.scalar_subquery()))
                .order_by(self.SQLEvent.id)
                .all()
            )
        events = [json.loads(row.data) for row in itertools.chain(earlier, recent)]
        tracker = WindowedTracker.from_dict(sender_id, events, self.domain.slots if self.domain else None)
        tracker.stored_events = len(events)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        if isinstance(tracker, WindowedTracker):
            tracker.stored_events = len(tracker.events)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        if isinstance(tracker, WindowedTracker):
            return itertools.islice(tracker.events, tracker.stored_events, len(tracker.events))
        return super()._additional_events(session, tracker)

    def _session_start(self, session: Any, sender_id: str) -> Optional[float]:
        return (
            session.query(sa.func.max(self.SQLEvent.timestamp))
            .filter(self.SQLEvent.sender_id == sender_id, self.SQLEvent.type_name == SessionStarted.type_name)
            .scalar()
        )

    def _in_session(self, sender_id: str, session_start: Optional[float]) -> Any:
        """The events of the latest session, as Rasa's own store delimits it."""
        condition = self.SQLEvent.sender_id == sender_id
        return condition if session_start is None else sa.and_(condition, self.SQLEvent.timestamp >= session_start)


def turn_aligned(rows: List[Any]) -> List[Any]:
    """From the first `action_listen` on, so that the window starts with a whole turn."""
    for position, row in enumerate(rows):
        if row.type_name == ActionExecuted.type_name and row.action_name == ACTION_LISTEN_NAME:
            return rows[position:]
    return rows


def last_loop_closed(tracker: DialogueStateTracker) -> bool:
    """The latest form event closes a form (what `form_just_ended` needs first)."""
    latest = next((event for event in reversed(tracker.events) if isinstance(event, ActiveLoop)), None)
    return latest is not None and latest.name is None


def use_write_ahead_log(connection: Any, _record: Any) -> None:
    """Readers no longer wait for the writer, and a commit no longer waits for the disk twice."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class ClinicTrackerStore(WindowedSQLTrackerStore):
    """The store endpoints.yml names: windowed, and erasing the answers of an ended callback form
    (bot.privacy.redaction); pooled connections are checked before use and a short database
    outage is waited out (bot.storage.outage) rather than answered from memory."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.engine.pool._pre_ping = True  # SQLTrackerStore creates the engine without the option

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        return await through_outage(lambda: super(ClinicTrackerStore, self).retrieve(sender_id))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await through_outage(lambda: super(ClinicTrackerStore, self).save(tracker))
        # Every event turned into a dict only when a form was just closed: not at every message.
        if last_loop_closed(tracker) and form_just_ended([event.as_dict() for event in tracker.events]):
            await through_outage(lambda: asyncio.to_thread(redact_last_form, self, tracker.sender_id))
