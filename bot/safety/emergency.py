"""Emergency numbers per country, and the message a patient in danger gets first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from bot.knowledge.topics import URGENT


@dataclass(frozen=True)
class EmergencyNumbers:
    call_now: str
    cannot_speak: str
    suicide: str
    first_number: str  # what other messages remind in one word ("appelez le 15")
    in_short: str  # every number to call, for a footer or a one-line reminder ("15 ou 112")
    after_hours: str  # whom to call for a same-day problem when the clinic cannot be reached


NUMBERS_BY_COUNTRY: Dict[str, EmergencyNumbers] = {
    "FR": EmergencyNumbers(
        call_now="Appelez maintenant le 15 (SAMU) ou le 112.",
        cannot_speak="Si vous ne pouvez pas parler, envoyez un SMS au 114.",
        suicide=(
            "Si vous pensez au suicide, appelez le 3114 : des professionnels vous écoutent, "
            "gratuitement, 24 h/24 et 7 j/7."
        ),
        first_number="15",
        in_short="15 ou 112",
        after_hours="le 15",  # the SAMU also directs to the doctor on duty
    ),
    "BE": EmergencyNumbers(
        call_now="Appelez maintenant le 112.",
        cannot_speak="",
        suicide=(
            "Si vous pensez au suicide, appelez le 0800 32 123 (Centre de prévention du suicide) : "
            "gratuit, 24 h/24 et 7 j/7."
        ),
        first_number="112",
        in_short="112",
        after_hours="le 1733 (médecin de garde)",
    ),
}

# Parse-result key of the red flag a message raised (rule, category, matched words; the
# detector in bot/nlu/red_flag_detector.py sets it, the emergency action reads it).
RED_FLAG_KEY = "red_flag"
SUICIDE = "suicide"  # the red-flag category (red_flag_terms.yml) that adds the prevention line


def numbers_for(country: str) -> EmergencyNumbers:
    return NUMBERS_BY_COUNTRY.get(country, NUMBERS_BY_COUNTRY["FR"])


def emergency_reminder(country: str) -> str:
    """The one line a widget footer shows, with the numbers of the clinic's country."""
    return f"Pas un avis médical. En cas d'urgence : {numbers_for(country).in_short}."


def emergency_call(country: str) -> str:
    """The sentence a page shows, with the numbers of the clinic's country."""
    return f"En cas d'urgence, appelez le {numbers_for(country).in_short}."


def when_to_worry_lines(country: str) -> List[str]:
    """After an injection: what needs the emergency number now, and what needs a doctor today.

    Two lines because the two situations call for different people: a reaction that threatens
    breathing cannot wait for the clinic, an infection should not wait until the next visit.
    """
    return [
        "Difficulté à respirer, gonflement du visage ou de la gorge, malaise : appelez le "
        f"{numbers_for(country).in_short} sans attendre.",
        "Fièvre, pus ou rougeur qui s'étend autour des piqûres : appelez le cabinet ou le médecin qui "
        f"vous a traité(e), le jour même, ou {numbers_for(country).after_hours} si vous ne pouvez pas les joindre.",
    ]


def is_about_suicide(text: str, red_flag: Optional[Dict[str, Any]] = None) -> bool:
    """The suicide words are those of the red-flag list, the only one.

    In a conversation the detector already read the message in the NLU pipeline (suicide rules
    first): its category says it. Without it, the detector reads the text here.
    """
    if red_flag:
        return red_flag.get("category") == SUICIDE
    if not text:
        return False
    # Loads spaCy: only for a message that did not go through the NLU pipeline.
    from bot.safety.red_flags import detect_red_flag

    found = detect_red_flag(text)
    return found is not None and found.category == SUICIDE


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
    return {"text": "\n".join(parts), "topic": URGENT}
