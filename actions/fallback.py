"""action_handle_fallback: ask to rephrase; after two misses in a row, offer a doctor."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import TOPICS_BUTTON
from bot.callbacks.offer import callback_offer_message
from bot.knowledge.first_contact import with_first_contact_notice
from bot.knowledge.misunderstanding import MISUNDERSTOOD_LEAD, REPHRASE, previous_turn_was_misunderstood
from bot.knowledge.topics import FALLBACK
from bot.settings import load_settings

CALLBACK_OFFERED_SLOT = "callback_offered_after_fallback"


class ActionHandleFallback(Action):
    def name(self) -> str:
        return "action_handle_fallback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        if previous_turn_was_misunderstood(tracker.events):
            dispatcher.utter_message(**callback_offer_message(load_settings(), MISUNDERSTOOD_LEAD))
            # Lets the rule "yes to this offer -> callback form" tell it from a plain rephrase request.
            return [SlotSet(CALLBACK_OFFERED_SLOT, True)]
        message = {"text": REPHRASE, "buttons": [TOPICS_BUTTON], "topic": FALLBACK}
        dispatcher.utter_message(**with_first_contact_notice(message, tracker.events))
        return [SlotSet(CALLBACK_OFFERED_SLOT, False)]
