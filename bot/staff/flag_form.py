"""Checks a "wrong answer" report sent by the console before it is stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from bot.knowledge.topics import EVALUATION_LABELS
from bot.staff.catalogue import Catalogue
from bot.text.input_guard import MAX_MESSAGE_CHARS

MAX_ANSWER_CHARS = 20_000
MAX_NAME_CHARS = 128


@dataclass(frozen=True)
class FlagForm:
    question: str
    answer_text: str
    answer_topic: str
    answer_intent: str
    expected_topic: str
    expected_answer_key: Optional[str]
    comment: str


def text_field(body: dict, name: str, limit: int) -> Optional[str]:
    """The field as stripped text, None when it is not text or too long."""
    value = body.get(name) or ""
    return value.strip() if isinstance(value, str) and len(value) <= limit else None


def parse_flag(body: Any, catalogue: Catalogue) -> tuple[Optional[FlagForm], Optional[str]]:
    """The report, or the French message saying what to correct."""
    if not isinstance(body, dict):
        return None, "Requête invalide : JSON attendu."
    question = text_field(body, "question", MAX_MESSAGE_CHARS)
    if not question:
        return None, f"La question est obligatoire ({MAX_MESSAGE_CHARS} caractères au plus)."
    answer_text = text_field(body, "answer_text", MAX_ANSWER_CHARS)
    answer_topic = text_field(body, "answer_topic", MAX_NAME_CHARS)
    answer_intent = text_field(body, "answer_intent", MAX_NAME_CHARS)
    if answer_text is None or answer_topic is None or answer_intent is None:
        return None, "Réponse donnée illisible : essayez de nouveau la question puis signalez-la."
    expected_topic = body.get("expected_topic")
    if expected_topic not in EVALUATION_LABELS:
        return None, "Choisissez le sujet attendu dans la liste."
    expected_answer_key = text_field(body, "expected_answer_key", MAX_NAME_CHARS) or None
    if expected_answer_key and catalogue.topic_of(expected_answer_key) != expected_topic:
        return None, "La réponse attendue choisie n'appartient pas au sujet attendu."
    comment = text_field(body, "comment", MAX_MESSAGE_CHARS)
    if comment is None:
        return None, f"Le commentaire est trop long ({MAX_MESSAGE_CHARS} caractères au plus)."
    return FlagForm(
        question, answer_text, answer_topic, answer_intent, expected_topic, expected_answer_key, comment
    ), None
