"""Emergency numbers per country, and the message a patient in danger gets first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, Optional

from bot.text_folding import fold

TOPIC = "escalation_urgent"


@dataclass(frozen=True)
class EmergencyNumbers:
    call_now: str
    cannot_speak: str
    suicide: str
    first_number: str  # what other messages remind in one word ("appelez le 15")


NUMBERS_BY_COUNTRY: Dict[str, EmergencyNumbers] = {
    "FR": EmergencyNumbers(
        call_now="Appelez maintenant le 15 (SAMU) ou le 112.",
        cannot_speak="Si vous ne pouvez pas parler, envoyez un SMS au 114.",
        suicide=(
            "Si vous pensez au suicide, appelez le 3114 : des professionnels vous écoutent, "
            "gratuitement, 24 h/24 et 7 j/7."
        ),
        first_number="15",
    ),
    "BE": EmergencyNumbers(
        call_now="Appelez maintenant le 112.",
        cannot_speak="",
        suicide=(
            "Si vous pensez au suicide, appelez le 0800 32 123 (Centre de prévention du suicide) : "
            "gratuit, 24 h/24 et 7 j/7."
        ),
        first_number="112",
    ),
}

# Backs up the red-flag detector: its category may be "urgent" while the words say suicide.
SUICIDE_WORDS = re.compile(
    r"suicid|en finir|me tuer|me foutre en l.air|mettre fin a mes jours|"
    r"(envie|veux|voudrais|prefere(rais)?) (de )?mourir|plus envie de vivre"
)


def numbers_for(country: str) -> EmergencyNumbers:
    return NUMBERS_BY_COUNTRY.get(country, NUMBERS_BY_COUNTRY["FR"])


def is_about_suicide(text: str, red_flag: Optional[Dict[str, Any]] = None) -> bool:
    if (red_flag or {}).get("category") == "suicide":
        return True
    return bool(SUICIDE_WORDS.search(fold(text or "")))


def emergency_message(country: str, about_suicide: bool) -> Dict[str, Any]:
    """Numbers first, nothing else mixed in: a patient in danger must not have to scroll."""
    numbers = numbers_for(country)
    parts = [f"Cela peut être une urgence. {numbers.call_now}"]
    if numbers.cannot_speak:
        parts.append(numbers.cannot_speak)
    if about_suicide:
        parts.append(f"Vous n'êtes pas seul(e). {numbers.suicide}")
    parts.append(
        "N'attendez pas de réponse ici : je suis un assistant automatique et je ne peux pas prévenir les secours."
    )
    return {"text": "\n".join(parts), "topic": TOPIC}
