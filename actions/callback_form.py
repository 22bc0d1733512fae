"""The callback request form: checks each answer, stores the request with consent, or cancels it."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.callback_offer import clinic_contact_sentence
from bot.emergency import numbers_for
from bot.notify import notify_new_request
from bot.phone import INVALID_PHONE_MESSAGE, normalise_phone, readable_phone
from bot.settings import ClinicSettings, load_settings
from bot.storage.callbacks import CallbackRequest, save_callback
from bot.text_folding import fold

logger = logging.getLogger(__name__)

TOPIC = "escalation_doctor"
CALLBACK_SLOTS = ("first_name", "phone", "time_slot", "callback_reason", "consent")
MAX_FIRST_NAME_CHARS = 50
MAX_FIRST_NAME_WORDS = 3
MAX_TIME_SLOT_CHARS = 150
MAX_REASON_CHARS = 500

NAME_INTRODUCTION = re.compile(
    r"^(je m['’]?appelle|moi c['’]?est|mon pr[eé]nom (est|c['’]?est)|c['’]?est|je suis)\s+", re.IGNORECASE
)
# Checked on folded text: "oui", "ouais", "ok", "d'accord", "j'accepte"... and their opposites.
CONSENT_NO = re.compile(
    r"^(non|nan|no|nope|jamais|pas (d'?accord|question)|je refuse|refuse|surement pas|"
    r"je (ne|n')? ?(suis pas d'?accord|veux pas|souhaite pas|prefere pas|accepte pas))\b"
)
CONSENT_YES = re.compile(
    r"^(oui+|ouais|ouai|oue|ouep|wi|ok|okay|yes|dac|d'?accord|j'?accepte|accepte|bien sur|bien entendu|"
    r"volontiers|carrement|absolument|tout a fait|avec plaisir|entendu|vas y|allez y|c'est bon|"
    r"je suis d'?accord|pas de (probleme|souci))\b"
)
CONSENT_BUTTONS = ("/affirm", "/deny")

PROBLEMS = {
    "first_name": (
        f"Je n'ai pas pu lire votre prénom. Écrivez-le simplement, sans chiffres "
        f"(au plus {MAX_FIRST_NAME_CHARS} caractères), par exemple « Marie »."
    ),
    "phone": INVALID_PHONE_MESSAGE,
    "time_slot": (
        f"Indiquez le moment qui vous arrange en quelques mots (au plus {MAX_TIME_SLOT_CHARS} caractères), "
        "par exemple « demain matin »."
    ),
    "callback_reason": (
        f"Décrivez le motif en quelques mots, en {MAX_REASON_CHARS} caractères au plus : "
        "le médecin vous posera ses questions au téléphone."
    ),
    "consent": "Répondez simplement « oui » si vous acceptez, ou « non » si vous refusez.",
}


def clean_text(value: Any, max_chars: int) -> Optional[str]:
    """Single-spaced text of 1 to max_chars characters; button payloads ("/...") are not answers."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or text.startswith("/") or len(text) > max_chars or not re.search(r"\w", text):
        return None
    return text


def clean_first_name(value: Any) -> Optional[str]:
    text = clean_text(value, MAX_FIRST_NAME_CHARS + len("mon prénom c'est "))
    if text is None:
        return None
    name = NAME_INTRODUCTION.sub("", text).strip(" .!,;")
    if (
        not name
        or len(name) > MAX_FIRST_NAME_CHARS
        or len(name.split()) > MAX_FIRST_NAME_WORDS
        or any(ch.isdigit() for ch in name)
        or not any(ch.isalpha() for ch in name)
    ):
        return None
    # "marie" or "MARIE" -> "Marie"; a name typed with care ("Anne-Sophie", "de Vos") is kept.
    return name.title() if name.islower() or name.isupper() else name


def parse_consent(value: Any) -> Optional[bool]:
    if isinstance(value, bool):
        return value
    if not isinstance(value, str):
        return None
    answer = " ".join(re.sub(r"[^\w' ]", " ", fold(value).replace("’", "'")).split())
    if CONSENT_NO.match(answer):
        return False
    if CONSENT_YES.match(answer):
        return True
    return None


def explicit_consent(value: Any, text: str) -> Optional[bool]:
    """The NLU may read a stray word as `affirm` or `deny`: unless a button was used, the words decide."""
    if isinstance(value, bool) and text not in CONSENT_BUTTONS:
        return parse_consent(text)
    return parse_consent(value)


def cleared_callback_slots() -> List[Dict[str, Any]]:
    return [SlotSet(slot, None) for slot in (*CALLBACK_SLOTS, "requested_slot")]


def stop_callback_form() -> List[Dict[str, Any]]:
    """Ends the form (cancel, emergency) and forgets every answer given so far."""
    return [ActiveLoop(None), *cleared_callback_slots()]


class ValidateCallbackForm(FormValidationAction):
    def name(self) -> str:
        return "validate_callback_form"

    @staticmethod
    def checked(slot: str, value: Any, dispatcher: CollectingDispatcher) -> Dict[str, Any]:
        """The cleaned value, or None and a clear message: the form then asks again."""
        if value is None:
            dispatcher.utter_message(text=PROBLEMS[slot], topic=TOPIC)
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


def confirmation_text(request: CallbackRequest, settings: ClinicSettings) -> str:
    return (
        f"C'est noté, {request.first_name} : un médecin du cabinet vous rappellera au "
        f"{readable_phone(request.phone_e164)} ({request.time_slot}). "
        f"Votre numéro de demande : {request.reference}. "
        f"Si votre état s'aggrave d'ici là, appelez le {numbers_for(settings.country).first_number}."
    )


def with_clinic_contact(text: str, settings: ClinicSettings) -> str:
    contact = clinic_contact_sentence(settings)
    return f"{text} {contact}" if contact else text


class ActionSubmitCallback(Action):
    def name(self) -> str:
        return "action_submit_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        settings = load_settings()
        if tracker.get_slot("consent") is not True:
            dispatcher.utter_message(
                text=with_clinic_contact(
                    "D'accord : sans votre accord, je n'enregistre rien et votre demande de rappel "
                    "n'est pas transmise.",
                    settings,
                ),
                topic=TOPIC,
            )
            return cleared_callback_slots()
        try:
            # Threads: the action server serves other patients while the database answers.
            request = await asyncio.to_thread(
                save_callback,
                conversation_id=tracker.sender_id,
                first_name=tracker.get_slot("first_name"),
                phone_e164=tracker.get_slot("phone"),
                time_slot=tracker.get_slot("time_slot"),
                reason=tracker.get_slot("callback_reason"),
            )
        except Exception:
            logger.exception("Demande de rappel non enregistrée (conversation %s)", tracker.sender_id)
            dispatcher.utter_message(
                text=with_clinic_contact(
                    "Désolé, un problème technique m'empêche d'enregistrer votre demande de rappel.", settings
                ),
                topic=TOPIC,
            )
            return cleared_callback_slots()
        dispatcher.utter_message(text=confirmation_text(request, settings), topic=TOPIC)
        # Stored first: a notification that fails is retried later, never lost.
        await asyncio.to_thread(notify_new_request, request)
        return cleared_callback_slots()


class ActionCancelCallback(Action):
    def name(self) -> str:
        return "action_cancel_callback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        dispatcher.utter_message(
            text="C'est annulé : je n'ai rien enregistré. Avez-vous une autre question sur la mésothérapie ?",
            buttons=[{"title": "Voir les sujets", "payload": "/help"}],
            topic=TOPIC,
        )
        return stop_callback_form()
