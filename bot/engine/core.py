"""Asks the trained model one question, exactly as a patient's first message would be.

The one core behind `ask`, `evaluate`, the benchmarks (through the local engine) and the
staff console (inside the Rasa server): same input guard as the channels, same agent (NLU,
red flags, rules, custom actions), and the reply read back from the conversation store.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Iterable, List, Optional

from bot.engine.output import SourcedCollectingOutputChannel
from bot.engine.replies import Reply, reply_from_tracker
from bot.text.guarded_message import guarded_message

if TYPE_CHECKING:  # Rasa's tracker stores warn on import: `ask` quiets Rasa's logs first
    from rasa.core.channels.channel import UserMessage
    from rasa.core.tracker_store import TrackerStore


@dataclass(frozen=True)
class FirstReplies:
    handle: Callable[[UserMessage], Awaitable[Any]]  # the agent's, or a channel's `on_new_message`
    tracker_store: TrackerStore
    input_channel: Optional[str]
    sender_prefix: str  # recognisable in the conversation store
    # Called with each question's conversation id once its reply is read (e.g. to drop it).
    done: Callable[[str], None] = lambda sender: None

    async def first_reply(self, text: str) -> Reply:
        sender = f"{self.sender_prefix}{uuid.uuid4().hex}"
        output = SourcedCollectingOutputChannel()
        await self.handle(guarded_message(text, sender, output, self.input_channel))
        reply = reply_from_tracker(output.messages, await self.tracker_store.retrieve(sender))
        self.done(sender)
        return reply

    async def first_replies(self, texts: Iterable[str]) -> List[Reply]:
        # One after the other: patients' messages keep their turn between two questions.
        return [await self.first_reply(text) for text in texts]
