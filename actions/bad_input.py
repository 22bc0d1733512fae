"""action_explain_bad_input: says clearly why a message could not be read."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import TOPICS_BUTTON
from bot.knowledge.first_contact import with_first_contact_notice
from bot.knowledge.topics import BAD_INPUT
from bot.text.input_guard import explanation


class ActionExplainBadInput(Action):
    def name(self) -> str:
        return "action_explain_bad_input"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        problem = next(tracker.get_latest_entity_values("input_problem"), "no_text")
        message = {"text": explanation(problem), "buttons": [TOPICS_BUTTON], "topic": BAD_INPUT}
        dispatcher.utter_message(**with_first_contact_notice(message, tracker.events))
        return []
