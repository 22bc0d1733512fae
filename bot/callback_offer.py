"""The offer to be called back by a doctor, with the clinic's own contact details."""

from __future__ import annotations

from bot.settings import ClinicSettings

CALLBACK_BUTTONS = [
    {"title": "Oui, être rappelé", "payload": "/request_callback"},
    {"title": "Non merci", "payload": "/deny"},
]


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


def callback_offer_message(settings: ClinicSettings, lead: str, topic: str) -> dict:
    contact = clinic_contact_sentence(settings)
    text = f"{lead} Voulez-vous qu'un médecin du cabinet vous rappelle ?"
    if contact:
        text += f" {contact}"
    return {"text": text, "buttons": list(CALLBACK_BUTTONS), "topic": topic}
