"""What the console knows of the training data: topics, their answers and example counts.

Read once per process (Rasa's loader takes a few seconds): the data in data/ only changes
with a new model, which means a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional

from bot.faq_responses import FAQ_PREFIX, faq_answer
from bot.replies import TOPIC_OF_INTENT
from bot.topics import EVALUATION_LABELS, FAQ_TOPICS
from bot.training_data import examples_per_topic, load_training_data

# Topic names as clinic staff say them.
TOPIC_NAMES = {
    "what_is": "Qu'est-ce que la mésothérapie",
    "painful": "Douleur des injections",
    "pain_treatment": "Traitement de la douleur",
    "cost": "Prix",
    "reimbursement": "Remboursement",
    "side_effects": "Effets secondaires",
    "contraindications": "Contre-indications",
    "session": "Déroulé des séances",
    "aesthetic": "Esthétique",
    "hair": "Cheveux",
    "practitioner": "Praticien",
    "efficacy": "Efficacité",
    "escalation_urgent": "Urgence (numéros d'urgence)",
    "escalation_doctor": "Cas personnel (rappel par un médecin)",
    "out_of_scope": "Hors sujet",
    "smalltalk": "Conversation courante",
    "clarify": "Question de précision (« Vouliez-vous dire… ? »)",
    "fallback": "Non compris",
}

# Intents answered without a FAQ answer, and those a ranking may show, as staff say them.
INTENT_TITLES = {
    "greet": "Salutation",
    "goodbye": "Au revoir",
    "thank": "Remerciement",
    "bot_challenge": "« Êtes-vous un robot ? »",
    "help": "Demande d'aide",
    "affirm": "Oui",
    "deny": "Non",
    "cancel": "Annulation",
    "out_of_scope": "Hors sujet",
    "other_language": "Autre langue",
    "escalation_urgent": "Signes d'urgence",
    "escalation_doctor": "Question sur son cas personnel",
    "request_human": "Demande à parler à quelqu'un",
    "request_callback": "Demande de rappel",
    "faq": "Question de la FAQ",
    "choose_faq": "Choix d'une réponse (bouton)",
    "bad_input": "Message illisible",
    "nlu_fallback": "Non compris",
}


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
        return answer.title if answer else INTENT_TITLES.get(key)

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


def topic_name(topic: str) -> str:
    return TOPIC_NAMES.get(topic, topic)


def default_intent(topic: str) -> Optional[str]:
    """The intent new examples of a topic go under when staff did not say which answer."""
    if topic in FAQ_TOPICS:
        return f"{FAQ_PREFIX}{topic}"
    return topic if TOPIC_OF_INTENT.get(topic) == topic else None


def intent_answers() -> Dict[str, Answer]:
    """Intents answered without a FAQ answer (smalltalk, escalations...), for the labelled topics."""
    return {
        intent: Answer(intent, INTENT_TITLES.get(intent, intent), topic)
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
