"""The floor every change is read against: a plain TF-IDF classifier over topics.

Character 2-5-grams and word 1-2-grams, logistic regression, trained in seconds on the
same examples labelled by topic. `bot evaluate` prints its accuracy beside the assistant's:
a design that does not beat it on real questions is not worth its complexity.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, List, Sequence, Tuple

from bot.evaluation.questions import Question
from bot.knowledge.topics import FAQ_INTENT, OUT_OF_SCOPE, TOPIC_OF_INTENT
from bot.knowledge.training_data import faq_topic_of_answer, load_training_data

if TYPE_CHECKING:
    from rasa.shared.nlu.training_data.training_data import TrainingData
    from sklearn.pipeline import Pipeline


def topic_labelled_examples(training_data: TrainingData) -> Tuple[List[str], List[str]]:
    """Every example's text and the topic a reply to it would be about."""
    topic_of = faq_topic_of_answer(training_data)
    texts, topics = [], []
    for message in training_data.intent_examples:
        intent = message.get("intent")
        texts.append(message.get("text"))
        topics.append(topic_of[message.get("intent_response_key")] if intent == FAQ_INTENT
                      else TOPIC_OF_INTENT.get(intent, OUT_OF_SCOPE))
    return texts, topics


def baseline_model() -> Pipeline:
    from sklearn.feature_extraction.text import TfidfVectorizer  # slow imports
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    return make_pipeline(
        make_union(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
                   TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
        LogisticRegression(max_iter=2000),
    )


@cache
def trained_baseline() -> Pipeline:
    """Trained on data/ once per process: `bot evaluate` scores several files against it
    (the logistic regression alone takes most of a minute)."""
    texts, topics = topic_labelled_examples(load_training_data())
    return baseline_model().fit(texts, topics)


def baseline_topics(questions: Sequence[Question]) -> List[str]:
    """The topic the baseline gives each question."""
    return [str(topic) for topic in trained_baseline().predict([q.text for q in questions])]


def baseline_accuracy(questions: Sequence[Question]) -> float:
    labelled = [q for q in questions if q.topic]
    predicted = baseline_topics(labelled)
    return sum(topic in q.right_topics for q, topic in zip(labelled, predicted, strict=True)) / len(labelled)
