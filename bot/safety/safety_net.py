"""The safety net's doctor route: a symptom since the session that no red-flag rule knows.

The patient gets a doctor (the callback offer), never a "Vouliez-vous dire" nor "je n'ai pas
compris", and the emergency number comes first, before anything else of the message.
"""

from __future__ import annotations

from typing import Any, Dict

from bot.safety.emergency import numbers_for

# Parse-result key set by the red-flag detector: the symptom's words.
SESSION_SYMPTOM_KEY = "session_symptom"
# Parse-result key set by the red-flag detector when an alarm sign is mentioned calmly (over,
# denied, someone else's, before a session): the FAQ answer then says when to worry.
CALM_SYMPTOM_KEY = "calm_symptom"
# ... when suicidal words are there with no emergency ("il y a cinq ans j'avais des idées noires,
# aujourd'hui je vais bien", "mon frère s'est suicidé il y a des années"): the answer adds the
# prevention line, so that the number is there if the thoughts come back.
SUICIDAL_WORDS_KEY = "suicidal_words"


def emergency_number_first(message: Dict[str, Any], country: str) -> Dict[str, Any]:
    call_now = numbers_for(country).call_now
    lead = (
        "Un signe apparu depuis une séance doit être vu par un médecin. S'il s'aggrave, ou si vous avez "
        "du mal à respirer, un malaise, de la fièvre, une douleur forte ou une peau qui change de couleur, "
        f"n'attendez pas : {call_now[0].lower()}{call_now[1:]}"
    )
    return {**message, "text": f"{lead}\n\n{message['text']}"}
