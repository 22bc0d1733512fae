"""When the assistant did not understand: ask to rephrase, and after two misses in a row, offer a doctor."""

from __future__ import annotations

from typing import Any, Dict, List

from bot.knowledge.topics import CLARIFY, FALLBACK

# Bot replies that mean "I did not understand".
MISUNDERSTOOD_TOPICS = {FALLBACK, CLARIFY}
MISUNDERSTOOD_LEAD = "Je n'arrive toujours pas à comprendre votre demande, désolé."
REPHRASE = (
    "Je n'ai pas bien compris votre message. Pouvez-vous le reformuler, "
    "par exemple « Combien de séances faut-il ? », ou choisir un sujet ?"
)


def previous_turn_was_misunderstood(events: List[Dict[str, Any]]) -> bool:
    """True when the bot's reply to the patient's previous message was a fallback."""
    user_messages_seen = 0
    for event in reversed(events):
        if event.get("event") == "user":
            user_messages_seen += 1
            if user_messages_seen == 2:
                return False
        elif (
            event.get("event") == "bot"
            and user_messages_seen == 1
            and (event.get("metadata") or {}).get("topic") in MISUNDERSTOOD_TOPICS
        ):
            return True
    return False
