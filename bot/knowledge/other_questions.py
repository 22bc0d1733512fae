"""What a reply adds after the main answer: the message's other questions, and an honest
word about a neighbouring treatment the sources do not cover (bot/understanding/)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

# Parse-result keys set by bot/nlu/patient_question_classifier.py.
FURTHER_ANSWERS_KEY = "further_answers"
COMPARED_TREATMENT_KEY = "compared_treatment"


def further_answer_keys(parse_data: Dict[str, Any], answered: str) -> List[str]:
    """The answers to the message's other questions, without the one already given."""
    return [key for key in parse_data.get(FURTHER_ANSWERS_KEY) or [] if key != answered]


def compared_treatment_note(parse_data: Dict[str, Any]) -> Optional[str]:
    treatment = parse_data.get(COMPARED_TREATMENT_KEY)
    if not treatment:
        return None
    return (
        f"Vous parlez aussi de {treatment} : les textes sur lesquels je m'appuie n'en disent rien, "
        "je ne peux donc pas comparer. Un médecin du cabinet pourra vous répondre."
    )
