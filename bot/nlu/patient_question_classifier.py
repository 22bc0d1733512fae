"""The NLU component that reads patients' questions (bot/understanding/), in Rasa's format.

It replaces DIETClassifier and ResponseSelector (compared in docs/understanding.md): it sets
the intent and its ranking, and the `faq` response selector's ranking, exactly where Rasa's
own components put them, so FallbackClassifier, the rules and the actions work unchanged.
It adds `further_answers` (the other questions of the message) and `compared_treatment`.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
    SPACY_DOCS,
)
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.knowledge.other_questions import COMPARED_TREATMENT_KEY, FURTHER_ANSWERS_KEY
from bot.knowledge.topics import FAQ_INTENT
from bot.knowledge.training_data import faq_topic_of_answer
from bot.nlu.cache_keys import files_fingerprint
from bot.nlu.spacy_for_text import SpacyNLPForText
from bot.understanding.examples import label_and_answer
from bot.understanding.reading import Understanding, ViewOf, understand
from bot.understanding.topic_model import Example, TopicModel
from bot.understanding.words import lemma_view, surface

MODEL_FILE = "topic_model.skops"
# The code the class trains and stores with (bot/nlu/cache_keys.py says why it is listed).
TRAINING_CODE = (*sorted(Path(__file__).parents[1].joinpath("understanding").glob("*.py")), Path(__file__))


def view_of_span(message: Message) -> ViewOf:
    """The spaCy doc's lemmas (its words as Rasa's SpacyTokenizer would give them), read
    straight from the doc: no tokenizer runs over the training data for nothing else."""
    text = message.get(TEXT) or ""
    doc = message.get(SPACY_DOCS[TEXT])
    words = [(t.idx, t.idx + len(t.text), t.lemma_ or t.text) for t in doc or () if t.text.strip()]

    def view(start: int, end: int) -> Tuple[str, str]:
        lemmas = (lemma for word_start, word_end, lemma in words if word_start >= start and word_end <= end)
        return surface(text[start:end]), lemma_view(lemmas)

    return view


def whole_view(message: Message) -> Tuple[str, str]:
    """The (surface, lemmas) view of the whole message."""
    return view_of_span(message)(0, len(message.get(TEXT) or ""))


def view_without(message: Message, cuts: Sequence[Tuple[int, int]]) -> Tuple[str, str]:
    """The (surface, lemmas) view of the message with these character spans cut out."""
    kept, position = [], 0
    for start, end in sorted(cuts):
        if start > position:
            kept.append((position, start))
        position = max(position, end)
    kept.append((position, len(message.get(TEXT) or "")))
    view = view_of_span(message)
    parts = [view(start, end) for start, end in kept]
    return " ".join(surface for surface, _ in parts if surface), " ".join(lemmas for _, lemmas in parts if lemmas)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class PatientQuestionClassifier(GraphComponent):
    @classmethod
    def required_components(cls) -> List[type]:
        return [SpacyNLPForText]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"training_code": files_fingerprint(TRAINING_CODE)}

    @classmethod
    def create(
        cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> PatientQuestionClassifier:
        return cls(model_storage, resource)

    @classmethod
    def load(
        cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext, **kwargs: Any,
    ) -> PatientQuestionClassifier:
        with model_storage.read_from(resource) as directory:
            return cls(model_storage, resource, TopicModel.load(Path(directory) / MODEL_FILE))

    def __init__(self, model_storage: ModelStorage, resource: Resource, model: Optional[TopicModel] = None) -> None:
        self.model_storage = model_storage
        self.resource = resource
        self.model = model

    def train(self, training_data: TrainingData) -> Resource:
        topic_of = faq_topic_of_answer(training_data)
        examples = [
            Example(*whole_view(message), *label_and_answer(message, topic_of))
            for message in training_data.intent_examples
        ]
        self.model = TopicModel.train(examples)
        with self.model_storage.write_to(self.resource) as directory:
            self.model.save(Path(directory) / MODEL_FILE)
        return self.resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if self.model is not None and message.get(TEXT):
                set_understanding(message, understand(self.model, message.get(TEXT), view_of_span(message)))
        return messages


def set_understanding(message: Message, understanding: Understanding) -> None:
    name, confidence = understanding.intent
    message.set(INTENT, {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [
        {INTENT_NAME_KEY: n, PREDICTED_CONFIDENCE_KEY: c} for n, c in understanding.intents[:10]
    ], add_to_output=True)
    ranking = [
        {"id": zlib.crc32(key.encode()), PREDICTED_CONFIDENCE_KEY: c, INTENT_RESPONSE_KEY: key}
        for key, c in understanding.answers[:10]
    ]
    best_key, best_confidence = understanding.answers[0] if understanding.answers else ("", 0.0)
    message.set(RESPONSE_SELECTOR_PROPERTY_NAME, {
        RESPONSE_SELECTOR_RETRIEVAL_INTENTS: [FAQ_INTENT],
        FAQ_INTENT: {
            RESPONSE_SELECTOR_PREDICTION_KEY: {
                RESPONSE_SELECTOR_RESPONSES_KEY: [],
                PREDICTED_CONFIDENCE_KEY: best_confidence,
                INTENT_RESPONSE_KEY: best_key,
                RESPONSE_SELECTOR_UTTER_ACTION_KEY: f"utter_{best_key}",
            },
            RESPONSE_SELECTOR_RANKING_KEY: ranking,
        },
    }, add_to_output=True)
    message.set(FURTHER_ANSWERS_KEY, understanding.further_answers, add_to_output=True)
    message.set(COMPARED_TREATMENT_KEY, understanding.compared_treatment, add_to_output=True)
