"""Decides whether the FAQ answer the classifier picked is safe to give.

Rasa's FallbackClassifier only looks at the top intent: `faq` can score 0.99 while the
chosen answer scores 0.1 (Rasa issues #9723, #9751). A wrong medical answer is worse than
a question back, so a weak or ambiguous choice becomes "Vouliez-vous dire ... ?".
Confidence is judged per topic (the sum of its answers): two answers of one topic sharing
the probability are a sure topic, not a doubt worth a question back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence

from bot.knowledge.topics import FAQ_INTENT

# Chosen on the dev set and the first blind set (docs/understanding.md): a question back
# only when the assistant is truly unsure.
MIN_ANSWER_CONFIDENCE = 0.25
MIN_MARGIN_BETWEEN_TOPICS = 0.03
# For the general answer pointed to under a personal question: stricter than for an FAQ
# answer, since the pointer is an extra and a wrong one would mislead.
GENERAL_ANSWER_MIN_CONFIDENCE = 0.6
# A calm mention of an alarm sign (over, denied, someone else's) with no clear question gets
# this topic's answer, which says when to worry, rather than a question back.
CALM_SYMPTOM_TOPIC = "side_effects"
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
    surest_total: float  # the summed confidence of the surest topic

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
    """The best answer of the surest topic, or no answer and the best answers of the two
    surest topics."""
    totals: Dict[Optional[str], float] = defaultdict(float)
    best_of_topic: Dict[Optional[str], RankedAnswer] = {}
    for ranked in ranking:
        topic = topic_of(ranked.key)
        totals[topic] += ranked.confidence
        best_of_topic.setdefault(topic, ranked)
    topics = sorted(totals, key=lambda t: -totals[t])
    if not topics:
        return AnswerChoice(None, [], 0.0)
    candidates = [best_of_topic[t] for t in topics[:2]]
    best_total = totals[topics[0]]
    rival_total = totals[topics[1]] if len(topics) > 1 else 0.0
    if best_total < min_confidence or best_total - rival_total < min_margin:
        return AnswerChoice(None, candidates, best_total)
    return AnswerChoice(candidates[0], candidates, best_total)


def calm_symptom_answer(
    choice: AnswerChoice, ranking: Sequence[RankedAnswer], topic_of: Callable[[str], Optional[str]]
) -> Optional[RankedAnswer]:
    """For a calm mention of an alarm sign the classifier is unsure of: the surest answer of the
    side effects' topic (its general answer when none is ranked), when that topic is one of the
    two in doubt or no topic is likely at all. Two other topics in doubt ("c'est parti ;
    combien ça coûte, c'est remboursé ?") keep their question back."""
    in_doubt = {topic_of(candidate.key) for candidate in choice.candidates}
    if CALM_SYMPTOM_TOPIC not in in_doubt and choice.surest_total >= MIN_ANSWER_CONFIDENCE:
        return None
    general = RankedAnswer(f"{FAQ_INTENT}/{CALM_SYMPTOM_TOPIC}", 0.0)
    return next((ranked for ranked in ranking if topic_of(ranked.key) == CALM_SYMPTOM_TOPIC), general)
