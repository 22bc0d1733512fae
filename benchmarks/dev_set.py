"""The development set of real patient questions (../shared/eval), read and scored here only.

Its texts are sent to the models being measured and never written anywhere: the benchmark
prints figures, not questions.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Sequence

from bot.knowledge.topics import FALLBACK, FAQ_INTENT, NLU_FALLBACK_INTENT, OUT_OF_SCOPE, TOPIC_OF_INTENT
from bot.paths import ROOT

DEV_SET = ROOT.parent / "shared" / "eval" / "patient_questions_dev.csv"


@dataclass(frozen=True)
class DevQuestion:
    text: str
    topic: str
    accept: FrozenSet[str]  # other topics a careful reader would also call right

    def answered_by(self, topic: str) -> bool:
        return topic == self.topic or topic in self.accept or (self.topic == OUT_OF_SCOPE and topic == FALLBACK)


def read_dev_set(path: Path = DEV_SET) -> List[DevQuestion]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return [
            DevQuestion(row["text"], row["topic"], frozenset(t for t in (row.get("accept") or "").split("|") if t))
            for row in csv.DictReader(file)
        ]


def accuracy(questions: Sequence[DevQuestion], topics: Sequence[str]) -> float:
    return sum(q.answered_by(t) for q, t in zip(questions, topics, strict=True)) / len(questions)


def parsed_topic(parse: Dict, topic_of_answer: Dict[str, str]) -> str:
    """The topic an NLU result stands for: the FAQ answer's topic, or the intent's."""
    intent = (parse.get("intent") or {}).get("name") or NLU_FALLBACK_INTENT
    if intent == FAQ_INTENT:
        # Stock Rasa's ResponseSelector, trained without `retrieval_intent`, answers under "default".
        selectors = parse.get("response_selector") or {}
        selected = (selectors.get(FAQ_INTENT) or selectors.get("default") or {}).get("response") or {}
        key: Optional[str] = selected.get("intent_response_key")
        return topic_of_answer.get(key or "", (key or "").removeprefix(f"{FAQ_INTENT}/")) or FALLBACK
    return TOPIC_OF_INTENT.get(intent, FALLBACK)
