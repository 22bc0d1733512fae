"""action_handle_fallback: ask to rephrase; after two misses in a row, offer a doctor."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.callback_offer import callback_offer_message
from bot.settings import load_settings

# Bot replies that mean "I did not understand".
MISUNDERSTOOD_TOPICS = {"fallback", "clarify"}
MISUNDERSTOOD_LEAD = "Je n'arrive toujours pas à comprendre votre demande, désolé."
CALLBACK_OFFERED_SLOT = "callback_offered_after_fallback"


def previous_turn_was_misunderstood(events: List[Dict[str, Any]]) -> bool:
    """True when the bot's reply to the patient's previous message was a fallback."""
    user_messages_seen = 0
    for event in reversed(events):
        if event.get("event") == "user":
            user_messages_seen += 1
            if user_messages_seen == 2:
                return False
        elif (
            event.get("event") == "bot"
            and user_messages_seen == 1
            and (event.get("metadata") or {}).get("topic") in MISUNDERSTOOD_TOPICS
        ):
            return True
    return False


class ActionHandleFallback(Action):
    def name(self) -> str:
        return "action_handle_fallback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        if previous_turn_was_misunderstood(tracker.events):
            dispatcher.utter_message(
                **callback_offer_message(load_settings(), MISUNDERSTOOD_LEAD, topic="escalation_doctor")
            )
            # Lets the rule "yes to this offer -> callback form" tell it from a plain rephrase request.
            return [SlotSet(CALLBACK_OFFERED_SLOT, True)]
        dispatcher.utter_message(
            text=(
                "Je n'ai pas bien compris votre message. Pouvez-vous le reformuler, "
                "par exemple « Combien de séances faut-il ? », ou choisir un sujet ?"
            ),
            buttons=[{"title": "Voir les sujets", "payload": "/help"}],
            topic="fallback",
        )
        return [SlotSet(CALLBACK_OFFERED_SLOT, False)]
