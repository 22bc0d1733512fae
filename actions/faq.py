"""action_answer_faq: the sourced answer, or "Vouliez-vous dire ... ?" when unsure."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.answer_choice import choose_answer, ranking_from_parse_data
from bot.faq_responses import answer_message, choose_button, faq_answer, topic_lookup
from bot.settings import load_settings


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        responses = domain.get("responses", {})
        latest = tracker.latest_message
        if latest.get("intent", {}).get("name") == "choose_faq":
            chosen_key = next(tracker.get_latest_entity_values("faq_key"), None)
            answer = faq_answer(responses, chosen_key or "")
            if answer is None:
                dispatcher.utter_message(response="utter_help")
                return []
        else:
            choice = choose_answer(ranking_from_parse_data(latest), topic_lookup(responses))
            if choice.needs_clarification:
                dispatcher.utter_message(**clarification_message(choice.candidates, responses))
                return []
            answer = faq_answer(responses, choice.answer.key)
            if answer is None:  # a model trained on answers that were since removed
                dispatcher.utter_message(response="utter_help")
                return []
        dispatcher.utter_message(**answer_message(answer, load_settings(), responses))
        return []


def clarification_message(candidates: list, responses: Dict[str, list]) -> Dict[str, Any]:
    answers = [a for a in (faq_answer(responses, c.key) for c in candidates) if a]
    buttons = [choose_button(a.title, a.key) for a in answers]
    buttons.append({"title": "Autre chose", "payload": "/help"})
    return {
        "text": "Je ne suis pas sûr d'avoir bien compris. Vouliez-vous dire :",
        "buttons": buttons,
        "topic": "clarify",
        "candidates": [a.topic for a in answers],
        "candidate_keys": [a.key for a in answers],
    }
