"""The questions staff try, answered inside the Rasa server by the agent patients talk to.

The console and its batch checks go through the engine's core (bot.engine.core), so a check
is exactly a patient's first message: same input guard, NLU, red flags, rules and actions.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import TrackerStore

from bot.engine.core import FirstReplies

STAFF_CHANNEL = "staff"
# Recognisable in the conversation store, so that analyses can leave staff checks out.
SENDER_PREFIX = "staff-try-"


def staff_engine(handle: Callable[[UserMessage], Awaitable[Any]], tracker_store: TrackerStore) -> FirstReplies:
    """`handle` is the console channel's `on_new_message`."""
    return FirstReplies(handle, tracker_store, STAFF_CHANNEL, SENDER_PREFIX)
