"""Cross-validation of understanding designs on the same folds of the training data.

Each design is trained on four fifths of the examples and scored on the fifth, five times,
with the same folds for every design: accuracy and macro-F1 over the labels the model
learns (FAQ topics and the other intents). Designs (docs/understanding.md):
- `topic_then_answer`: what ships (bot/understanding/topic_model.py);
- `flat_answers`: the same features, one classifier over every answer at once (what the
  landed model's single 29-way `faq` response selector did, with a linear model);
- `tfidf_baseline`: the plain TF-IDF floor of bot/evaluation/baseline.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Sequence

from bot.evaluation.baseline import baseline_model
from bot.understanding.topic_model import Example, TopicModel

FOLDS = 5
SEED = 2024


@dataclass(frozen=True)
class DesignScore:
    design: str
    accuracy: float
    macro_f1: float
    f1_per_topic: Dict[str, float]


def topic_then_answer(train: Sequence[Example], test: Sequence[Example]) -> List[str]:
    readings = TopicModel.train(train).read([(e.surface, e.lemmas) for e in test])
    return [reading.best[0] for reading in readings]


def flat_answers(train: Sequence[Example], test: Sequence[Example]) -> List[str]:
    # One label per answer; the topic of the predicted answer is what the patient gets.
    topic_of = {e.answer: e.label for e in train if e.answer}
    flat = [Example(e.surface, e.lemmas, e.answer or e.label) for e in train]
    readings = TopicModel.train(flat).read([(e.surface, e.lemmas) for e in test])
    return [topic_of.get(reading.best[0], reading.best[0]) for reading in readings]


def tfidf_baseline(train: Sequence[Example], test: Sequence[Example]) -> List[str]:
    model = baseline_model().fit([e.surface for e in train], [e.label for e in train])
    return [str(label) for label in model.predict([e.surface for e in test])]


DESIGNS: Dict[str, Callable[[Sequence[Example], Sequence[Example]], List[str]]] = {
    "topic_then_answer": topic_then_answer,
    "flat_answers": flat_answers,
    "tfidf_baseline": tfidf_baseline,
}


def cross_validate(examples: Sequence[Example], designs: Sequence[str],
                   progress: Callable[[str], None] = lambda step: None) -> List[DesignScore]:
    from sklearn.metrics import f1_score  # slow imports
    from sklearn.model_selection import StratifiedKFold

    labels = [e.label for e in examples]
    folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(examples, labels))
    scores = []
    for design in designs:
        expected: List[str] = []
        predicted: List[str] = []
        for number, (train_rows, test_rows) in enumerate(folds, start=1):
            progress(f"{design} : pli {number}/{FOLDS}")
            test = [examples[i] for i in test_rows]
            predicted.extend(DESIGNS[design]([examples[i] for i in train_rows], test))
            expected.extend(e.label for e in test)
        topics = sorted(set(expected))
        per_topic = f1_score(expected, predicted, labels=topics, average=None, zero_division=0)
        scores.append(DesignScore(
            design,
            accuracy=sum(e == p for e, p in zip(expected, predicted, strict=True)) / len(expected),
            macro_f1=float(per_topic.mean()),
            f1_per_topic={t: float(f) for t, f in zip(topics, per_topic, strict=True)},
        ))
    return scores
