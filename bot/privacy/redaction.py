"""What is left of a callback form that ended: its answers and what was said meanwhile, erased.

The patient typed a first name, a phone number and a health reason; the assistant repeated
some of them. Once the form ends (refused, cancelled, or stored with consent in the clinic
database), none of it stays in the conversation store: the
events keep their place and type (the conversation still reads as a form), without content.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from bot.callbacks.form_answers import CALLBACK_FORM, CALLBACK_SLOTS
from bot.safety.emergency import RED_FLAG_KEY
from bot.safety.safety_net import SESSION_SYMPTOM_KEY

REDACTED = "[effacé]"
REDACTED_SLOTS = set(CALLBACK_SLOTS)

Event = Dict[str, Any]


def form_just_ended(events: List[Event]) -> bool:
    """True when the callback form ended during the latest turn (after the patient's last message)."""
    loops = [(index, event) for index, event in enumerate(events) if event.get("event") == "active_loop"]
    if len(loops) < 2 or loops[-1][1].get("name") is not None:
        return False
    last_user = max((index for index, event in enumerate(events) if event.get("event") == "user"), default=-1)
    started = [event.get("name") for _, event in loops[:-1] if event.get("name") is not None]
    return loops[-1][0] > last_user and bool(started) and started[-1] == CALLBACK_FORM


def redacted(event: Event) -> Optional[Event]:
    """The event without personal content; None when it holds none."""
    kind = event.get("event")
    if kind == "user":
        parse_data = dict(event.get("parse_data") or {})
        parse_data.update(text=REDACTED, entities=[], metadata={})
        # What the red-flag detector quoted of the message (the alarm reader quotes all of it).
        if isinstance(parse_data.get(RED_FLAG_KEY), dict):
            parse_data[RED_FLAG_KEY] = {**parse_data[RED_FLAG_KEY], "matched": REDACTED}
        if parse_data.get(SESSION_SYMPTOM_KEY):
            parse_data[SESSION_SYMPTOM_KEY] = REDACTED
        return {**event, "text": REDACTED, "parse_data": parse_data, "metadata": {}}
    if kind == "bot":
        return {**event, "text": REDACTED}
    if kind == "slot" and event.get("name") in REDACTED_SLOTS and event.get("value") is not None:
        return {**event, "value": None}
    return None
