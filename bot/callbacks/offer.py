"""The offer to be called back by a doctor, with the clinic's own contact details."""

from __future__ import annotations

from typing import Any, Dict, Optional

from bot.knowledge.answers import FaqAnswer, choose_button
from bot.knowledge.sources import source_line
from bot.knowledge.topics import DOCTOR
from bot.safety.emergency import numbers_for, when_to_worry_lines
from bot.settings import ClinicSettings

CALLBACK_BUTTONS = [
    {"title": "Oui, être rappelé", "payload": "/request_callback"},
    {"title": "Non merci", "payload": "/deny"},
]
HUMAN_REQUEST_LEAD = "Je suis un assistant automatique : je ne peux pas vous mettre en ligne avec une personne."


def clinic_contact_sentence(settings: ClinicSettings) -> str:
    parts = []
    if settings.phone:
        parts.append(f"vous pouvez aussi appeler {settings.name} au {settings.phone}")
        if settings.opening_hours:
            parts[-1] += f" ({settings.opening_hours})"
    if settings.booking_url:
        parts.append(f"ou prendre rendez-vous en ligne : {settings.booking_url}")
    if not parts:
        return ""
    sentence = " ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."  # keeps the clinic's own capitals


def callback_offer_message(settings: ClinicSettings, lead: str, topic: str = DOCTOR) -> Dict[str, Any]:
    contact = clinic_contact_sentence(settings)
    text = f"{lead} Voulez-vous qu'un médecin du cabinet vous rappelle ?"
    if contact:
        text += f" {contact}"
    return {"text": text, "buttons": list(CALLBACK_BUTTONS), "topic": topic}


def doctor_question_message(
    settings: ClinicSettings, general: Optional[FaqAnswer], prevention_line: bool = False
) -> Dict[str, Any]:
    """A personal question: no diagnosis, the emergency number, the callback offer, and the
    general answer of the sources on the subject when there is one; with `prevention_line` (a
    message naming suicidal thoughts calmly), the suicide prevention number too."""
    lead = (
        "Je ne peux pas répondre pour votre cas personnel : seul un médecin qui connaît votre situation "
        "le peut, je ne pose pas de diagnostic."
    )
    if general is not None:
        lead += f" En général, les sources en parlent dans « {general.title} » (bouton ci-dessous)."
    message = callback_offer_message(settings, lead)
    # What cannot wait for the callback, each with whom to call.
    message["text"] += "\n" + "\n".join(when_to_worry_lines(settings.country))
    if prevention_line:
        message["text"] += "\n" + numbers_for(settings.country).suicide
    if general is None:
        return message
    line = source_line(source["id"] for source in general.sources)
    if line:
        message["text"] += f"\n{line}"
    message["buttons"].append(choose_button(f"En général : {general.title}", general.key))
    message.update(sources=general.sources, source_line=line)
    return message
