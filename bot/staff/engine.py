"""Answers a question inside the Rasa server, exactly as a patient's first message would be.

The console and its batch checks both go through `ServerEngine.first_reply`: same input
guard as the REST channel, same agent (NLU, red flags, rules, custom actions) as patients.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Iterable, List

from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import TrackerStore

from bot.channels.output import SourcedCollectingOutputChannel
from bot.channels.rest import user_message
from bot.replies import Reply, reply_from_tracker

STAFF_CHANNEL = "staff"
# Recognisable in the conversation store, so that analyses can leave staff checks out.
SENDER_PREFIX = "staff-try-"


@dataclass(frozen=True)
class ServerEngine:
    handle: Callable[[UserMessage], Awaitable[Any]]  # the channel's `on_new_message`
    tracker_store: TrackerStore

    async def first_reply(self, text: str) -> Reply:
        sender = f"{SENDER_PREFIX}{uuid.uuid4().hex}"
        output = SourcedCollectingOutputChannel()
        await self.handle(user_message({"sender": sender, "message": text}, output, STAFF_CHANNEL))
        return reply_from_tracker(output.messages, await self.tracker_store.retrieve(sender))

    async def first_replies(self, texts: Iterable[str]) -> List[Reply]:
        # One after the other: patients' messages keep their turn between two questions.
        return [await self.first_reply(text) for text in texts]
