"""Folds accents and case on token lemmas, which the count-vector featurizers read.

Patients often type without accents ("ca fait mal", "seance"); spaCy lemmatises
"séance" and "seance" to different strings, so the word features would differ.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.text.folding import fold


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class AccentFolder(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> AccentFolder:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            for tokens_name in TOKENS_NAMES.values():
                for token in message.get(tokens_name) or []:
                    token.lemma = fold(token.lemma or token.text)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data
