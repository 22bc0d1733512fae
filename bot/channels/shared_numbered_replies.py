"""The numbered choices of the messaging apps kept in Redis, shared by every Rasa instance.

Same behaviour as bot.channels.numbered_replies (in one process's memory): a patient whose "2"
reaches another instance, or arrives after a restart, still gets the second choice. Used when
clinic.yml `redis_url` (CLINIC_REDIS_URL) is set, as in production.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence, Union

import redis

from bot.channels.numbered_replies import NUMBER_ANSWER, NumberedReplies
from bot.settings import load_settings

KEY_PREFIX = "mesotherapy:choices:"


class SharedNumberedReplies:
    def __init__(self, url: str, lifetime_seconds: int = 2 * 3600) -> None:
        self.redis = redis.Redis.from_url(url, socket_timeout=2)
        self.lifetime_seconds = lifetime_seconds

    def offer(self, sender: str, buttons: Sequence[Dict[str, Any]]) -> int:
        key = KEY_PREFIX + sender
        payloads: List[str] = json.loads(self.redis.get(key) or "[]")
        first_number = len(payloads) + 1
        payloads.extend(button["payload"] for button in buttons)
        self.redis.set(key, json.dumps(payloads), ex=self.lifetime_seconds)
        return first_number

    def take_answer(self, sender: str, text: Optional[str]) -> Optional[str]:
        # Read and forgotten at once: the bot's reply makes a new offer.
        pipeline = self.redis.pipeline()
        pipeline.get(KEY_PREFIX + sender)
        pipeline.delete(KEY_PREFIX + sender)
        stored, _ = pipeline.execute()
        match = NUMBER_ANSWER.match(text or "")
        if stored is None or match is None:
            return None
        payloads = json.loads(stored)
        number = int(match.group("number"))
        return payloads[number - 1] if 1 <= number <= len(payloads) else None


Choices = Union[NumberedReplies, SharedNumberedReplies]


def numbered_replies() -> Choices:
    """Redis when the clinic set one (several instances), else this process's memory."""
    url = load_settings().redis_url
    return SharedNumberedReplies(url) if url else NumberedReplies()
