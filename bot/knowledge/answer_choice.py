"""Decides whether the FAQ answer the ResponseSelector picked is safe to give.

Rasa's FallbackClassifier only looks at the top intent: `faq` can score 0.99 while the
chosen answer scores 0.1 (Rasa issues #9723, #9751). A wrong medical answer is worse than
a question back, so a weak or ambiguous choice becomes "Vouliez-vous dire ... ?".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence

from bot.knowledge.topics import FAQ_INTENT

# Tuned on the held-out patient questions (see README, "Seuils").
MIN_ANSWER_CONFIDENCE = 0.45
MIN_MARGIN_BETWEEN_TOPICS = 0.15
# For the general answer pointed to under a personal question: stricter than for an FAQ
# answer, since the pointer is an extra and a wrong one would mislead.
GENERAL_ANSWER_MIN_CONFIDENCE = 0.6
# The intent threshold is FallbackClassifier's, in config.yml only: the red-flag detector
# reads it from the trained pipeline (bot/nlu/red_flag_detector.py).


@dataclass(frozen=True)
class RankedAnswer:
    key: str  # e.g. "faq/cost"
    confidence: float


@dataclass(frozen=True)
class AnswerChoice:
    answer: Optional[RankedAnswer]
    candidates: List[RankedAnswer]

    @property
    def needs_clarification(self) -> bool:
        return self.answer is None


def ranking_from_parse_data(parse_data: dict, retrieval_intent: str = FAQ_INTENT) -> List[RankedAnswer]:
    selector = (parse_data.get("response_selector") or {}).get(retrieval_intent) or {}
    ranking = selector.get("ranking") or []
    return [
        RankedAnswer(entry["intent_response_key"], float(entry["confidence"]))
        for entry in ranking
        if entry.get("intent_response_key")
    ]


def choose_answer(
    ranking: Sequence[RankedAnswer],
    topic_of: Callable[[str], Optional[str]],
    min_confidence: float = MIN_ANSWER_CONFIDENCE,
    min_margin: float = MIN_MARGIN_BETWEEN_TOPICS,
) -> AnswerChoice:
    """The best answer, or no answer and the two best candidates of different topics."""
    if not ranking:
        return AnswerChoice(None, [])
    best = ranking[0]
    rival = next((r for r in ranking[1:] if topic_of(r.key) != topic_of(best.key)), None)
    candidates = [best] + ([rival] if rival else [])
    if best.confidence < min_confidence:
        return AnswerChoice(None, candidates)
    if rival and best.confidence - rival.confidence < min_margin:
        return AnswerChoice(None, candidates)
    return AnswerChoice(best, candidates)
