"""What several actions send or return: the topics button, and stopping the callback form."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk.events import ActiveLoop, SlotSet

from bot.callbacks.form_answers import CALLBACK_SLOTS

TOPICS_BUTTON = {"title": "Voir les sujets", "payload": "/help"}


def cleared_callback_slots() -> List[Dict[str, Any]]:
    return [SlotSet(slot, None) for slot in (*CALLBACK_SLOTS, "requested_slot")]


def stop_callback_form() -> List[Dict[str, Any]]:
    """Ends the form (the patient cancels) and forgets every answer given so far."""
    return [ActiveLoop(None), *cleared_callback_slots()]
