"""Escalation: emergency numbers first, a doctor for personal questions, a person on request."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.callback_form import stop_callback_form
from bot.answer_choice import choose_answer, ranking_from_parse_data
from bot.callback_offer import callback_offer_message
from bot.emergency import emergency_message, is_about_suicide, numbers_for
from bot.faq_responses import FaqAnswer, choose_button, faq_answer, topic_lookup
from bot.settings import load_settings
from bot.sources import source_line

DOCTOR_TOPIC = "escalation_doctor"
# Stricter than for an FAQ answer: the pointer is an extra, a wrong one would mislead.
GENERAL_ANSWER_MIN_CONFIDENCE = 0.6
HUMAN_REQUEST_LEAD = "Je suis un assistant automatique : je ne peux pas vous mettre en ligne avec une personne."


class ActionEmergency(Action):
    def name(self) -> str:
        return "action_emergency"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        latest = tracker.latest_message
        about_suicide = is_about_suicide(latest.get("text") or "", latest.get("red_flag"))
        dispatcher.utter_message(**emergency_message(load_settings().country, about_suicide))
        # A callback request in progress stops here: nothing of it is kept.
        return stop_callback_form()


def general_answer(parse_data: Dict[str, Any], responses: Dict[str, list]) -> Optional[FaqAnswer]:
    """The FAQ answer on the same subject, when the ResponseSelector is confident enough."""
    choice = choose_answer(
        ranking_from_parse_data(parse_data), topic_lookup(responses), min_confidence=GENERAL_ANSWER_MIN_CONFIDENCE
    )
    return None if choice.needs_clarification else faq_answer(responses, choice.answer.key)


def doctor_question_message(general: Optional[FaqAnswer]) -> Dict[str, Any]:
    urgent_number = numbers_for(load_settings().country).first_number
    lead = (
        "Je ne peux pas répondre pour votre cas personnel : seul un médecin qui connaît votre situation "
        "le peut, je ne pose pas de diagnostic. Si un signe vous inquiète maintenant (fièvre, gonflement, "
        f"gêne pour respirer, douleur forte), appelez le {urgent_number}."
    )
    if general is None:
        return callback_offer_message(load_settings(), lead, topic=DOCTOR_TOPIC)
    lead += f" En général, les sources en parlent dans « {general.title} » (bouton ci-dessous)."
    message = callback_offer_message(load_settings(), lead, topic=DOCTOR_TOPIC)
    line = source_line(source["id"] for source in general.sources)
    if line:
        message["text"] += f"\n{line}"
    message["buttons"].append(choose_button(f"En général : {general.title}", general.key))
    message.update(sources=general.sources, source_line=line)
    return message


class ActionDoctorQuestion(Action):
    def name(self) -> str:
        return "action_doctor_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        general = general_answer(tracker.latest_message, domain.get("responses", {}))
        dispatcher.utter_message(**doctor_question_message(general))
        return []


class ActionOfferCallback(Action):
    def name(self) -> str:
        return "action_offer_callback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        dispatcher.utter_message(**callback_offer_message(load_settings(), HUMAN_REQUEST_LEAD, topic=DOCTOR_TOPIC))
        return []
