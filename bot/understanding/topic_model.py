"""The topic model: which topic (or other intent) a message is about, then which answer.

Measured against DIET + ResponseSelector and a plain TF-IDF baseline on the same folds
(docs/understanding.md): two linear models over TF-IDF features generalise best to real
patients' words on this little data. First a classifier over topics and non-FAQ intents,
trained on every example; then, inside each FAQ topic, a classifier over its answers. A
patient asking "quand voit-on les résultats" is first sent to efficacy, then to the right
efficacy answer, so a strong word of another answer cannot hijack the topic.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import skops.io as sio
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.understanding.linear_reading import StackedClassifiers, TfidfRows, feature_rows

# Chosen by cross-validation and the dev set (docs/understanding.md): a weak regularisation
# (C=10) with balanced classes; character n-grams bounded to keep the model small.
REGULARISATION_C = 10.0
MAX_CHARACTER_FEATURES = 60_000
RANDOM_SEED = 2024


@dataclass(frozen=True)
class Example:
    surface: str  # bot.understanding.words.surface
    lemmas: str  # bot.understanding.words.lemma_view
    label: str  # an FAQ topic or another intent
    answer: Optional[str] = None  # "faq/cost_total" for FAQ examples


@dataclass(frozen=True)
class Reading:
    """What the model makes of one text: labels and, per FAQ topic, its answers."""

    labels: List[Tuple[str, float]]  # best first, probabilities summing to 1
    answers: Dict[str, List[Tuple[str, float]]]  # topic -> answers best first, summing to 1

    @property
    def best(self) -> Tuple[str, float]:
        return self.labels[0]

    def probability(self, label: str) -> float:
        return next((p for name, p in self.labels if name == label), 0.0)


class Features:
    """Word 1-2-grams of lemmas beside character 2-5-grams of the folded surface."""

    def __init__(self) -> None:
        self.lemmas = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"[a-z0-9']+")
        self.characters = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2,
            max_features=MAX_CHARACTER_FEATURES,
        )

    def fit_transform(self, examples: Sequence[Example]) -> csr_matrix:
        return hstack([
            self.lemmas.fit_transform([e.lemmas for e in examples]),
            self.characters.fit_transform([e.surface for e in examples]),
        ]).tocsr()

    # skops rebuilds a dict entry by entry: 7.6 s for the two vocabularies at every start of
    # the assistant. Stored as arrays of terms in column order, they load in 0.1 s.
    def vocabularies(self) -> Dict[str, np.ndarray]:
        return {name: np.array(sorted(v.vocabulary_, key=v.vocabulary_.__getitem__))
                for name, v in self.vectorizers().items()}

    def without_vocabularies(self) -> Features:
        """A copy to store: no vocabulary, nor the terms min_df and max_features dropped."""
        stored = copy.copy(self)
        for name, vectorizer in self.vectorizers().items():
            bare = copy.copy(vectorizer)
            bare.vocabulary_ = {}
            bare.__dict__.pop("stop_words_", None)
            setattr(stored, name, bare)
        return stored

    def restore_vocabularies(self, vocabularies: Dict[str, np.ndarray]) -> None:
        for name, vectorizer in self.vectorizers().items():
            vectorizer.vocabulary_ = {term: column for column, term in enumerate(vocabularies[name].tolist())}

    def vectorizers(self) -> Dict[str, TfidfVectorizer]:
        return {"lemmas": self.lemmas, "characters": self.characters}


# A label's weight: "balanced" gives every label the same total weight, whatever its examples.
ClassWeight = Union[str, Dict[str, float]]


def classifier(class_weight: ClassWeight = "balanced") -> LogisticRegression:
    return LogisticRegression(C=REGULARISATION_C, class_weight=class_weight, max_iter=3000, random_state=RANDOM_SEED)


class TopicModel:
    def __init__(
        self,
        features: Features,
        labels: LogisticRegression,
        answers: Dict[str, LogisticRegression],
        single_answer: Dict[str, str],
    ) -> None:
        self.features = features
        self.labels = labels
        self.answers = answers  # topics with several answers
        self.single_answer = single_answer  # topics with one answer
        # Read without scikit-learn's per-call checks (bot/understanding/linear_reading.py):
        # the same features and probabilities, one product for every model. The estimators
        # given are changed in place: the same coefficients, views of one stacked matrix.
        self.feature_blocks = [TfidfRows(features.lemmas), TfidfRows(features.characters)]
        self.stacked = StackedClassifiers([labels, *answers.values()])

    @classmethod
    def train(cls, examples: Sequence[Example], label_weight: ClassWeight = "balanced") -> TopicModel:
        features = Features()
        matrix = features.fit_transform(examples)
        labels = classifier(label_weight).fit(matrix, [e.label for e in examples])
        rows_of_topic: Dict[str, List[int]] = defaultdict(list)
        for row, example in enumerate(examples):
            if example.answer:
                rows_of_topic[example.label].append(row)
        answers, single_answer = {}, {}
        for topic, rows in rows_of_topic.items():
            keys = [examples[row].answer or "" for row in rows]
            if len(set(keys)) == 1:
                single_answer[topic] = keys[0]
            else:
                answers[topic] = classifier().fit(matrix[rows], keys)
        return cls(features, labels, answers, single_answer)

    def read(self, views: Sequence[Tuple[str, str]]) -> List[Reading]:
        """One reading per (surface, lemmas) view, computed in one batch."""
        # The blocks in Features.fit_transform's order: lemmas, then characters.
        matrix = feature_rows(self.feature_blocks, [[lemmas for _, lemmas in views], [surface for surface, _ in views]])
        label_probabilities, *per_topic = self.stacked.probabilities(matrix)
        answer_probabilities = dict(zip(self.answers, per_topic, strict=True))
        readings = []
        for row in range(len(views)):
            labels = ranked(self.labels.classes_, label_probabilities[row])
            answers = {topic: [(key, 1.0)] for topic, key in self.single_answer.items()}
            for topic, model in self.answers.items():
                answers[topic] = ranked(model.classes_, answer_probabilities[topic][row])
            readings.append(Reading(labels, answers))
        return readings

    def save(self, path: Path) -> None:
        sio.dump({"features": self.features.without_vocabularies(), "vocabularies": self.features.vocabularies(),
                  "labels": self.labels, "answers": self.answers, "single_answer": self.single_answer}, path)

    @classmethod
    def load(cls, path: Path) -> TopicModel:
        # Only this module's class and scikit-learn / NumPy / SciPy types may be rebuilt.
        untrusted = sio.get_untrusted_types(file=path)
        unexpected = [t for t in untrusted if not t.startswith(TRUSTED_TYPE_PREFIXES)]
        if unexpected:
            raise ValueError(f"Unexpected types in the topic model file {path}: {unexpected}")
        state = sio.load(path, trusted=untrusted)
        features = state["features"]
        features.restore_vocabularies(state["vocabularies"])
        return cls(features, state["labels"], state["answers"], state["single_answer"])


TRUSTED_TYPE_PREFIXES = ("bot.understanding.topic_model.", "sklearn.", "numpy.", "scipy.", "builtins.")


def ranked(classes: Sequence[str], probabilities: np.ndarray) -> List[Tuple[str, float]]:
    order = np.argsort(-probabilities)
    return [(str(classes[i]), float(probabilities[i])) for i in order]
