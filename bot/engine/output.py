"""An output channel that keeps what web clients and the engine need: sources, topic, buttons."""

from __future__ import annotations

from typing import Any, Dict

from rasa.core.channels.channel import CollectingOutputChannel

# Message metadata the assistant's actions set, passed on to web clients.
FORWARDED_METADATA = ("topic", "answer_key", "sources", "source_line", "candidates", "candidate_answers")


class SourcedCollectingOutputChannel(CollectingOutputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        # One bubble per bot message (Rasa's collector splits texts on blank lines and
        # drops metadata, which would separate an answer from its sources).
        collected: Dict[str, Any] = {"recipient_id": recipient_id}
        for key in ("text", "buttons", "image", "custom"):
            if message.get(key):
                collected[key] = message[key]
        for key in FORWARDED_METADATA:
            if message.get(key) is not None:
                collected[key] = message[key]
        await self._persist_message(collected)
