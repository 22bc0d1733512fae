"""Escalation: emergency numbers first, a doctor for personal questions, a person on request."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.callbacks.form_answers import (
    CALLBACK_FORM,
    KEPT_AFTER_EMERGENCY,
    KEPT_AS_REASON,
    MAX_REASON_CHARS,
    clean_text,
)
from bot.callbacks.offer import HUMAN_REQUEST_LEAD, callback_offer_message, doctor_question_message
from bot.knowledge.answers import general_answer
from bot.knowledge.first_contact import with_first_contact_notice
from bot.knowledge.topics import DOCTOR
from bot.safety.emergency import RED_FLAG_KEY, is_about_suicide
from bot.safety.other_languages import emergency_reply
from bot.safety.safety_net import SESSION_SYMPTOM_KEY, SUICIDAL_WORDS_KEY, emergency_number_first
from bot.settings import load_settings


class ActionEmergency(Action):
    def name(self) -> str:
        return "action_emergency"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        latest = tracker.latest_message
        text = latest.get("text") or ""
        about_suicide = is_about_suicide(text, latest.get(RED_FLAG_KEY))
        # In the patient's language too when they wrote in another one.
        dispatcher.utter_message(**emergency_reply(text, load_settings().country, about_suicide))
        if tracker.active_loop_name != CALLBACK_FORM:
            return []
        # A symptom given as the reason for the call is that reason: not asked twice. (Too long
        # to be one, the form asks for the reason again, without a message about its length.)
        asked_reason = tracker.get_slot("requested_slot") == "callback_reason"
        reason = clean_text(text, MAX_REASON_CHARS) if asked_reason else None
        # The numbers first; then the request goes on (data/rules/escalation.yml).
        dispatcher.utter_message(text=KEPT_AS_REASON if reason else KEPT_AFTER_EMERGENCY, topic=DOCTOR)
        return [SlotSet("callback_reason", reason)] if reason else []


class ActionDoctorQuestion(Action):
    def name(self) -> str:
        return "action_doctor_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        settings = load_settings()
        general = general_answer(tracker.latest_message, domain.get("responses", {}))
        latest = tracker.latest_message
        message = doctor_question_message(settings, general, prevention_line=bool(latest.get(SUICIDAL_WORDS_KEY)))
        if latest.get(SESSION_SYMPTOM_KEY):
            # A symptom since the session that no red-flag rule knows: the emergency number first.
            message = emergency_number_first(message, settings.country)
        dispatcher.utter_message(**with_first_contact_notice(message, tracker.events))
        return []


class ActionOfferCallback(Action):
    def name(self) -> str:
        return "action_offer_callback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        message = callback_offer_message(load_settings(), HUMAN_REQUEST_LEAD)
        dispatcher.utter_message(**with_first_contact_notice(message, tracker.events))
        return []
