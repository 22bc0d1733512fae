"""spaCy at training time reads the examples' texts, each different text once, not their answers."""

from __future__ import annotations

from typing import List

import spacy
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import RESPONSE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.spacy_for_text import SpacyNLPForText


class CountingPipeline:
    """A French spaCy pipeline (its tokenizer only), counting the texts it is given."""

    def __init__(self) -> None:
        self.nlp = spacy.blank("fr")
        self.texts: List[str] = []

    def pipe(self, texts, batch_size: int):
        self.texts.extend(texts)
        return self.nlp.pipe(texts, batch_size=batch_size)


def test_only_the_texts_get_a_doc_and_each_once() -> None:
    answer = "La mésothérapie consiste en micro-injections de petites doses de médicaments. " * 5
    examples = [
        Message(data={TEXT: "Ça fait mal ?", RESPONSE: answer}),
        Message(data={TEXT: "ça fait mal ?", RESPONSE: answer}),  # the same once lower-cased
        Message(data={TEXT: "Combien ça coûte ?", RESPONSE: answer}),
        Message(data={"intent": "greet"}),  # a domain example without text
    ]
    pipeline = CountingPipeline()
    model = SpacyModel(pipeline, "fr_core_news_sm")
    component = SpacyNLPForText(model, {**SpacyNLPForText.get_default_config(), "model": "fr_core_news_sm"})

    component.process_training_data(TrainingData(examples), model)

    assert pipeline.texts == ["ça fait mal ?", "combien ça coûte ?"]
    assert examples[0].get(SPACY_DOCS[TEXT]) is examples[1].get(SPACY_DOCS[TEXT])
    assert [token.text for token in examples[2].get(SPACY_DOCS[TEXT])] == ["combien", "ça", "coûte", "?"]
    assert all(example.get(SPACY_DOCS[RESPONSE]) is None for example in examples)
    assert examples[3].get(SPACY_DOCS[TEXT]) is None
