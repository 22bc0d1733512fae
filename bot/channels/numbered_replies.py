"""Remembers the choices offered to each patient as numbers, to read a reply "2" as the second one.

Kept in memory (one Rasa process serves the messaging apps): bounded in size, and an offer
expires, since a "2" typed hours later most likely answers something else.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence

NUMBER_ANSWER = re.compile(r"^\s*(?P<number>\d{1,2})\s*[.)]?\s*$")


@dataclass
class Offer:
    payloads: List[str] = field(default_factory=list)
    expires_at: float = 0.0


class NumberedReplies:
    def __init__(
        self,
        max_senders: int = 10_000,
        lifetime_seconds: float = 2 * 3600,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_senders = max_senders
        self.lifetime_seconds = lifetime_seconds
        self.clock = clock
        self.offers: OrderedDict[str, Offer] = OrderedDict()

    def offer(self, sender: str, buttons: Sequence[Dict[str, Any]]) -> int:
        """Remembers `buttons` for `sender`; returns the number shown for the first one.

        Several messages of one bot turn number their choices one after the other.
        """
        offer = self.live_offer(sender) or Offer()
        first_number = len(offer.payloads) + 1
        offer.payloads.extend(button["payload"] for button in buttons)
        offer.expires_at = self.clock() + self.lifetime_seconds
        self.offers[sender] = offer
        self.offers.move_to_end(sender)
        while len(self.offers) > self.max_senders:
            self.offers.popitem(last=False)
        return first_number

    def take_answer(self, sender: str, text: Optional[str]) -> Optional[str]:
        """The payload the patient chose by typing its number, if so.

        The offer ends with the patient's message either way: the bot's reply makes a new one.
        """
        offer = self.live_offer(sender)
        self.offers.pop(sender, None)
        match = NUMBER_ANSWER.match(text or "")
        if offer is None or match is None:
            return None
        number = int(match.group("number"))
        return offer.payloads[number - 1] if 1 <= number <= len(offer.payloads) else None

    def live_offer(self, sender: str) -> Optional[Offer]:
        offer = self.offers.get(sender)
        return offer if offer is not None and offer.expires_at > self.clock() else None
