"""The callback form's answers: each one read and checked, the confirmation, the messages."""

from __future__ import annotations

import re
from typing import Any, Optional

from bot.callbacks.offer import clinic_contact_sentence
from bot.callbacks.phone import INVALID_PHONE_MESSAGE, readable_phone
from bot.safety.emergency import numbers_for
from bot.settings import ClinicSettings
from bot.storage.callbacks import CallbackRequest
from bot.text.folding import fold

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
NO_CONSENT = (
    "D'accord : sans votre accord, je n'enregistre rien et votre demande de rappel n'est pas transmise."
)
NOT_SAVED = "Désolé, un problème technique m'empêche d'enregistrer votre demande de rappel."
CANCELLED = "C'est annulé : je n'ai rien enregistré. Avez-vous une autre question sur la mésothérapie ?"


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
