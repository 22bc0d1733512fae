"""The callback request form: checks each answer, stores the request with consent, or cancels it."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import TOPICS_BUTTON, cleared_callback_slots, stop_callback_form
from bot.callbacks.form_answers import (
    CANCELLED,
    MAX_REASON_CHARS,
    MAX_TIME_SLOT_CHARS,
    NO_CONSENT,
    NOT_SAVED,
    PROBLEMS,
    checked_answers,
    clean_first_name,
    clean_text,
    confirmation_text,
    explicit_consent,
    with_clinic_contact,
)
from bot.callbacks.notify import notify_new_request
from bot.callbacks.phone import normalise_phone
from bot.knowledge.topics import DOCTOR
from bot.settings import load_settings
from bot.storage.callbacks import save_callback
from bot.storage.outage import through_outage

logger = logging.getLogger(__name__)


class ValidateCallbackForm(FormValidationAction):
    def name(self) -> str:
        return "validate_callback_form"

    @staticmethod
    def checked(slot: str, value: Any, dispatcher: CollectingDispatcher) -> Dict[str, Any]:
        """The cleaned value, or None and a clear message: the form then asks again."""
        if value is None:
            dispatcher.utter_message(text=PROBLEMS[slot], topic=DOCTOR)
        return {slot: value}

    def validate_first_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> Dict[str, Any]:
        return self.checked("first_name", clean_first_name(value), dispatcher)

    def validate_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> Dict[str, Any]:
        phone = normalise_phone(value, load_settings().country) if isinstance(value, str) else None
        return self.checked("phone", phone, dispatcher)

    def validate_time_slot(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> Dict[str, Any]:
        return self.checked("time_slot", clean_text(value, MAX_TIME_SLOT_CHARS), dispatcher)

    def validate_callback_reason(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> Dict[str, Any]:
        return self.checked("callback_reason", clean_text(value, MAX_REASON_CHARS), dispatcher)

    def validate_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> Dict[str, Any]:
        text = tracker.latest_message.get("text") or ""
        return self.checked("consent", explicit_consent(value, text), dispatcher)


class ActionSubmitCallback(Action):
    def name(self) -> str:
        return "action_submit_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        settings = load_settings()
        if tracker.get_slot("consent") is not True:
            dispatcher.utter_message(text=with_clinic_contact(NO_CONSENT, settings), topic=DOCTOR)
            return cleared_callback_slots()
        answers = checked_answers(tracker.current_slot_values(), settings.country)
        if answers is None:
            # Never stored: values the form did not accept (the log names no value: personal data).
            logger.warning("Callback request refused: answers failed the final check.")
            dispatcher.utter_message(text=with_clinic_contact(NOT_SAVED, settings), topic=DOCTOR)
            return cleared_callback_slots()
        try:
            # Threads: the action server serves other patients while the database answers.
            # A database restart is waited out rather than told to the patient.
            request = await through_outage(lambda: asyncio.to_thread(
                save_callback,
                conversation_id=tracker.sender_id,
                first_name=answers.first_name,
                phone_e164=answers.phone_e164,
                time_slot=answers.time_slot,
                reason=answers.reason,
            ))
        except Exception:
            logger.exception("Callback request not stored.")
            dispatcher.utter_message(text=with_clinic_contact(NOT_SAVED, settings), topic=DOCTOR)
            return cleared_callback_slots()
        dispatcher.utter_message(text=confirmation_text(request, settings), topic=DOCTOR)
        # Stored first: a notification that fails is retried later, never lost.
        await asyncio.to_thread(notify_new_request, request)
        return cleared_callback_slots()


class ActionCancelCallback(Action):
    def name(self) -> str:
        return "action_cancel_callback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        dispatcher.utter_message(text=CANCELLED, buttons=[TOPICS_BUTTON], topic=DOCTOR)
        return stop_callback_form()
