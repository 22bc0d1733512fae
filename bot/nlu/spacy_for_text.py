"""Rasa's SpacyNLP over what patients write only, each different text once.

Rasa's SpacyNLP runs spaCy at training time over three texts of every example: the message,
its response and its action text. For an FAQ example the response is the whole answer,
repeated for each of the examples of that answer: most of spaCy's work at training time
(docs/performance.md), for docs nothing here reads. This component gives a doc to the text
of each example only, and runs spaCy once per different text. Messages at run time are
read as by SpacyNLP.
"""

from __future__ import annotations

from typing import Dict

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.tokens import Doc

# As Rasa's SpacyNLP, whose model loading, configuration and run-time reading it keeps.
BATCH_SIZE = 50


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="SpacyNLPForText",
)
class SpacyNLPForText(SpacyNLP):
    def process_training_data(self, training_data: TrainingData, model: SpacyModel) -> TrainingData:
        examples = [example for example in training_data.training_examples if example.get(TEXT)]
        texts = [self._preprocess_text(example.get(TEXT)) for example in examples]
        different = list(dict.fromkeys(texts))
        docs: Dict[str, Doc] = dict(zip(different, model.model.pipe(different, batch_size=BATCH_SIZE), strict=True))
        for example, text in zip(examples, texts, strict=True):
            example.set(SPACY_DOCS[TEXT], docs[text])
        return training_data
