"""What the console knows of the training data: topics, their answers and example counts.

Read once per process (Rasa's loader takes a few seconds): the data in data/ only changes
with a new model, which means a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional

from bot.knowledge.answers import faq_answer
from bot.knowledge.topics import EVALUATION_LABELS, FAQ_PREFIX, FAQ_TOPICS, INTENTS, TOPIC_NAMES, TOPIC_OF_INTENT
from bot.knowledge.training_data import examples_per_topic, load_training_data


@dataclass(frozen=True)
class Answer:
    key: str  # the intent a training example gets: faq/cost_total, escalation_urgent...
    title: str
    topic: str


@dataclass(frozen=True)
class Catalogue:
    answers: Dict[str, Answer]
    examples_per_topic: Dict[str, int]

    def answers_of(self, topic: str) -> List[Answer]:
        return [answer for answer in self.answers.values() if answer.topic == topic]

    def title_of(self, key: str) -> Optional[str]:
        answer = self.answers.get(key)
        if answer:
            return answer.title
        intent = INTENTS.get(key)
        return intent.title if intent else None

    def topic_of(self, key: str) -> Optional[str]:
        answer = self.answers.get(key)
        return answer.topic if answer else None

    def examples_of(self, topic: str) -> int:
        """FAQ examples are counted by topic already; other intents are added up by topic."""
        return sum(
            count
            for name, count in self.examples_per_topic.items()
            if name == topic or self.topic_of(name) == topic
        )


def default_intent(topic: str) -> Optional[str]:
    """The intent new examples of a topic go under when staff did not say which answer."""
    if topic in FAQ_TOPICS:
        return f"{FAQ_PREFIX}{topic}"
    return topic if TOPIC_OF_INTENT.get(topic) == topic else None


def intent_answers() -> Dict[str, Answer]:
    """Intents answered without a FAQ answer (smalltalk, escalations...), for the labelled topics."""
    return {
        intent: Answer(intent, INTENTS[intent].title, topic)
        for intent, topic in TOPIC_OF_INTENT.items()
        if topic in EVALUATION_LABELS
    }


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    training_data = load_training_data()
    answers: Dict[str, Answer] = {}
    for response_name in sorted(training_data.responses):
        key = response_name.removeprefix("utter_")
        answer = faq_answer(training_data.responses, key)
        if answer is not None:
            answers[key] = Answer(key, answer.title, answer.topic)
    answers.update(intent_answers())
    return Catalogue(answers, examples_per_topic(training_data))


def labels_in_order() -> List[str]:
    """The topics a question may expect, in the order staff read them."""
    return [topic for topic in TOPIC_NAMES if topic in EVALUATION_LABELS]
