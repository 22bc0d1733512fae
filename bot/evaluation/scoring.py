"""Runs questions through the assistant and scores the topics it answered with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Sequence

from bot.engine.replies import Reply
from bot.evaluation.questions import Question
from bot.knowledge.topics import CLARIFY


@dataclass(frozen=True)
class Outcome:
    question: Question
    reply: Reply

    @property
    def labelled(self) -> bool:
        return self.question.topic is not None

    @property
    def correct(self) -> bool:
        return self.reply.topic in self.question.right_topics

    @property
    def clarified_right_first(self) -> bool:
        """A question back whose first proposal was a right topic."""
        return self.reply.topic == CLARIFY and bool(self.reply.candidates) and (
            self.reply.candidates[0] in self.question.right_topics
        )


@dataclass(frozen=True)
class TopicScore:
    topic: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class Evaluation:
    outcomes: List[Outcome]
    labels: List[str] = field(default_factory=list)
    matrix: List[List[int]] = field(default_factory=list)
    scores: List[TopicScore] = field(default_factory=list)

    @property
    def labelled(self) -> List[Outcome]:
        return [o for o in self.outcomes if o.labelled]

    @property
    def accuracy(self) -> Optional[float]:
        labelled = self.labelled
        return sum(o.correct for o in labelled) / len(labelled) if labelled else None

    @property
    def misses(self) -> List[Outcome]:
        return [o for o in self.labelled if not o.correct]

    @property
    def clarifications(self) -> int:
        return sum(o.reply.topic == CLARIFY for o in self.outcomes)

    @property
    def clarifications_right_first(self) -> int:
        return sum(o.clarified_right_first for o in self.outcomes)


def run_questions(
    questions: Sequence[Question],
    answer: Callable[[Iterable[str]], Iterable[Reply]],
    progress: Callable[[Iterable[Outcome], int], Iterable[Outcome]] = lambda items, total: items,
) -> Evaluation:
    """`answer` maps question texts to replies (LocalEngine.first_replies), in order."""
    replies = answer(q.text for q in questions)
    outcomes = list(progress((Outcome(q, r) for q, r in zip(questions, replies, strict=False)), len(questions)))
    return score(outcomes)


def score(outcomes: List[Outcome]) -> Evaluation:
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support  # slow import

    evaluation = Evaluation(outcomes)
    labelled = evaluation.labelled
    if not labelled:
        return evaluation
    expected = [o.question.topic for o in labelled if o.question.topic is not None]
    # A reply under an accepted topic counts as the expected one in per-topic scores.
    predicted = [o.question.topic or "" if o.correct else o.reply.topic for o in labelled]
    # Rows: expected topics; columns add what was answered instead (clarify, fallback...).
    expected_topics = sorted(set(expected))
    evaluation.labels = expected_topics + sorted(set(predicted) - set(expected))
    full = confusion_matrix(expected, predicted, labels=evaluation.labels).tolist()
    evaluation.matrix = full[: len(expected_topics)]
    precision, recall, f1, support = precision_recall_fscore_support(
        expected, predicted, labels=expected_topics, zero_division=0
    )
    evaluation.scores = [
        TopicScore(topic, float(p), float(r), float(f), int(s))
        for topic, p, r, f, s in zip(expected_topics, precision, recall, f1, support, strict=True)
    ]
    return evaluation


def summary(evaluation: Evaluation) -> Dict[str, object]:
    """The figures as JSON, for CI logs and the staff console."""
    return {
        "questions": len(evaluation.outcomes),
        "labelled": len(evaluation.labelled),
        "accuracy": evaluation.accuracy,
        "clarifications": evaluation.clarifications,
        "clarifications_right_first": evaluation.clarifications_right_first,
        "per_topic": {s.topic: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "support": s.support}
                      for s in evaluation.scores},
        "misses": [
            {"text": o.question.text, "expected": o.question.topic, "got": o.reply.topic,
             "intent": o.reply.intent, "confidence": o.reply.confidence}
            for o in evaluation.misses
        ],
    }
