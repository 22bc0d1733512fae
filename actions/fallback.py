"""action_handle_fallback: ask to rephrase; after two misses in a row, offer a doctor."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

# Bot replies that mean "I did not understand".
MISUNDERSTOOD_TOPICS = {"fallback", "clarify"}


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
            # The offer itself, so that the rule "offer, then yes -> callback form" applies.
            return [FollowupAction("action_offer_callback")]
        dispatcher.utter_message(
            text=(
                "Je n'ai pas bien compris votre message. Pouvez-vous le reformuler, "
                "par exemple « Combien de séances faut-il ? », ou choisir un sujet ?"
            ),
            buttons=[{"title": "Voir les sujets", "payload": "/help"}],
            topic="fallback",
        )
        return []
