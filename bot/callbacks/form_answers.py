"""The callback form's answers: each one read and checked, the confirmation, the messages."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Dict, Optional

from bot.callbacks.offer import clinic_contact_sentence
from bot.callbacks.phone import INVALID_PHONE_MESSAGE, normalise_phone, readable_phone
from bot.safety.emergency import numbers_for
from bot.settings import ClinicSettings
from bot.storage.callbacks import CallbackRequest
from bot.text.folding import fold

CALLBACK_FORM = "callback_form"
CALLBACK_SLOTS = ("first_name", "phone", "time_slot", "callback_reason", "consent")
MAX_FIRST_NAME_CHARS = 50
MAX_FIRST_NAME_WORDS = 3
MAX_TIME_SLOT_CHARS = 150
MAX_REASON_CHARS = 500

NAME_INTRODUCTION = re.compile(
    r"^(je m['’]?appelle|moi c['’]?est|mon pr[eé]nom (est|c['’]?est)|c['’]?est|je suis)\s+", re.IGNORECASE
)
# Consent is a yes that cannot be read otherwise: checked on folded words. A negation anywhere
# ("bien sûr que non", "ok je refuse", "oui non", "d'accord mais en fait non") is a refusal.
CONSENT_YES = re.compile(
    r"^(oui+|ouais|ouai|oue|ouep|wi|ok|okay|yes|dac|d'?accord|j'?accepte|accepte|bien sur|bien entendu|"
    r"volontiers|carrement|absolument|tout a fait|avec plaisir|entendu|vas y|allez y|c'est bon|"
    r"je suis d'?accord)\b"
)
NEGATIONS = {
    "non", "nan", "no", "nope", "pas", "jamais", "refuse", "refuser", "ne", "n", "aucun", "aucune", "nul",
    "nullement", "annule", "annuler", "stop", "niet", "not", "never",
}
# Words that make a yes conditional or a question: asked again.
DOUBTS = {"mais", "peut", "etre", "pourquoi", "si", "sauf", "ou", "quoi", "comment", "hesite"}
MAX_CONSENT_WORDS = 6
CONSENT_BUTTONS = {"/affirm": True, "/deny": False}
# Answers that are not first names although they look like one ("oui", "combien ça coûte").
NOT_NAME_WORDS = {
    "oui", "ouais", "non", "nan", "ok", "okay", "merci", "bonjour", "salut", "coucou", "bonsoir", "combien",
    "comment", "pourquoi", "quand", "quoi", "quel", "quelle", "ou", "prix", "cout", "coute", "tarif", "ca",
    "cela", "est", "annuler", "annule", "stop", "rappel", "rappeler", "rappelez", "medecin", "docteur", "aide",
    "help", "question", "mesotherapie", "seance", "rendez", "vous", "pas", "accord", "d'accord",
}

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
# After the emergency reply, a callback request in progress goes on: the patient may well be a
# false alarm (a symptom told as the reason for the call), and nothing given so far is lost.
_GOES_ON = "un médecin du cabinet pourra aussi vous rappeler. Répondez à la question suivante, ou écrivez « annuler »."
KEPT_AFTER_EMERGENCY = f"Votre demande de rappel reste ouverte : {_GOES_ON}"
KEPT_AS_REASON = f"Votre demande de rappel reste ouverte, avec ce message pour motif : {_GOES_ON}"
CANCELLED = "C'est annulé : je n'ai rien enregistré. Avez-vous une autre question sur la mésothérapie ?"


def clean_text(value: Any, max_chars: int) -> Optional[str]:
    """Single-spaced text of 1 to max_chars characters; button payloads ("/...") are not answers.

    Control and format characters (right-to-left overrides, zero-width...) are dropped: they can
    make a stored name or number read differently in a spreadsheet or on screen.
    """
    if not isinstance(value, str):
        return None
    visible = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs") or ch.isspace())
    text = " ".join(visible.split())
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
        or "?" in name
        or set(re.split(r"[\s'’-]+", fold(name))) & NOT_NAME_WORDS
    ):
        return None
    # "marie" or "MARIE" -> "Marie"; a name typed with care ("Anne-Sophie", "de Vos") is kept.
    return name.title() if name.islower() or name.isupper() else name


def parse_consent(value: Any) -> Optional[bool]:
    """True only for a short yes with no negation or doubt anywhere; False for any negation."""
    if isinstance(value, bool):
        return value
    if not isinstance(value, str):
        return None
    answer = " ".join(re.sub(r"[^\w' ]", " ", fold(value).replace("’", "'")).split())
    words = set(re.split(r"[\s']+", answer))
    if words & NEGATIONS:
        return False
    if words & DOUBTS or "?" in value or len(answer.split()) > MAX_CONSENT_WORDS:
        return None
    return True if CONSENT_YES.match(answer) else None


def explicit_consent(value: Any, text: str) -> Optional[bool]:
    """Only the button's own payload counts as such; otherwise the patient's words decide, never
    the model's reading of them (it takes "bien sûr que non" for a yes)."""
    if text in CONSENT_BUTTONS:
        return CONSENT_BUTTONS[text]
    return parse_consent(text if isinstance(value, bool) else value)


@dataclass(frozen=True)
class CallbackAnswers:
    first_name: str
    phone_e164: str
    time_slot: str
    reason: str


def checked_answers(slots: Dict[str, Any], country: str) -> Optional[CallbackAnswers]:
    """The form's answers checked again just before storing (the form checked them one by one):
    None unless consent is True and every answer is one the form itself would have accepted."""
    first_name, phone = slots.get("first_name"), slots.get("phone")
    answers = CallbackAnswers(
        first_name=clean_first_name(first_name) or "",
        phone_e164=(normalise_phone(phone, country) if isinstance(phone, str) else None) or "",
        time_slot=clean_text(slots.get("time_slot"), MAX_TIME_SLOT_CHARS) or "",
        reason=clean_text(slots.get("callback_reason"), MAX_REASON_CHARS) or "",
    )
    if slots.get("consent") is not True or not all(vars(answers).values()):
        return None
    # Stored exactly as validated: a value the form would have changed was not validated by it.
    if (answers.first_name, answers.phone_e164) != (first_name, phone):
        return None
    return answers


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
