"""The training data in data/, read with Rasa's own loader (examples and FAQ responses)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Dict

from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.paths import DATA_DIR

# Folders holding NLU examples and responses (data/rules holds rules, read by Rasa only).
NLU_FOLDERS = ("faq", "nlu")


def load_training_data(data_dir: Path = DATA_DIR) -> TrainingData:
    parts = [load_data(str(data_dir / folder), language="fr") for folder in NLU_FOLDERS]
    return parts[0].merge(*parts[1:])


def faq_topic_of_answer(training_data: TrainingData) -> Dict[str, str]:
    """`faq/cost` -> `cost`, from each answer's `metadata.topic`."""
    topics = {}
    for name, variations in training_data.responses.items():
        metadata = (variations[0].get("metadata") or {}) if variations else {}
        topics[name.removeprefix("utter_")] = metadata.get("topic", "")
    return topics


def examples_per_topic(training_data: TrainingData) -> Dict[str, int]:
    """FAQ examples counted under their answer's topic, other intents under their name."""
    topic_of = faq_topic_of_answer(training_data)
    counts: Counter = Counter()
    for message in training_data.intent_examples:
        answer_key = message.get("intent_response_key")
        counts[topic_of.get(answer_key, answer_key) if answer_key else message.get("intent")] += 1
    return dict(sorted(counts.items()))
