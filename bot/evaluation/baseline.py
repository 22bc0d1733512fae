"""The floor every change is read against: a plain TF-IDF classifier over topics.

Character 2-5-grams and word 1-2-grams, logistic regression, trained in seconds on the
same examples labelled by topic. `bot evaluate` prints its accuracy beside the assistant's:
a design that does not beat it on real questions is not worth its complexity.
"""

from __future__ import annotations

from typing import List, Sequence

from bot.evaluation.questions import Question
from bot.knowledge.topics import FAQ_INTENT, OUT_OF_SCOPE, TOPIC_OF_INTENT
from bot.knowledge.training_data import faq_topic_of_answer, load_training_data


def baseline_topics(questions: Sequence[Question]) -> List[str]:
    """The topic the baseline gives each question, trained afresh on data/."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # slow imports
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    training_data = load_training_data()
    topic_of = faq_topic_of_answer(training_data)
    texts, labels = [], []
    for message in training_data.intent_examples:
        intent = message.get("intent")
        answer = message.get("intent_response_key")
        texts.append(message.get("text"))
        labels.append(topic_of[answer] if intent == FAQ_INTENT else TOPIC_OF_INTENT.get(intent, OUT_OF_SCOPE))
    model = make_pipeline(
        make_union(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
                   TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
        LogisticRegression(max_iter=2000),
    )
    model.fit(texts, labels)
    return [str(topic) for topic in model.predict([q.text for q in questions])]


def baseline_accuracy(questions: Sequence[Question]) -> float:
    labelled = [q for q in questions if q.topic]
    predicted = baseline_topics(labelled)
    return sum(topic in q.right_topics for q, topic in zip(labelled, predicted, strict=True)) / len(labelled)
