"""Training examples for the topic model, from Rasa's training data."""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Tuple

from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.knowledge.topics import FAQ_INTENT
from bot.knowledge.training_data import faq_topic_of_answer
from bot.understanding.topic_model import Example
from bot.understanding.words import lemma_view, surface


def label_and_answer(message: Message, topic_of: Dict[str, str]) -> Tuple[str, Optional[str]]:
    """An FAQ example is labelled by its answer's topic; any other by its intent."""
    if message.get("intent") == FAQ_INTENT:
        answer = message.get("intent_response_key")
        return topic_of[answer], answer
    return message.get("intent"), None


def examples_with_spacy(
    training_data: TrainingData, lemmatise: Callable[[List[str]], List[List[str]]]
) -> List[Example]:
    """Examples outside a Rasa pipeline (cross-validation): `lemmatise` maps texts to lemmas."""
    topic_of = faq_topic_of_answer(training_data)
    messages = training_data.intent_examples
    lemmas = lemmatise([m.get("text") for m in messages])
    return [
        Example(surface(m.get("text")), lemma_view(words), *label_and_answer(m, topic_of))
        for m, words in zip(messages, lemmas, strict=True)
    ]
