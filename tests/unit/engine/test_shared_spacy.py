"""Rasa's graph nodes share one spaCy model per name instead of loading one each, without the
components nothing reads."""

from __future__ import annotations

from types import SimpleNamespace
from typing import List

import pytest
import spacy
from rasa.nlu.utils.spacy_utils import SpacyNLP

from bot.engine import shared_spacy
from bot.text.french_spacy import SPACY_MODEL, french_pipeline


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(SpacyNLP, "load_model", SpacyNLP.load_model)  # put back after the test
    shared_spacy.shared_model.cache_clear()
    shared_spacy.share_spacy_models()
    yield
    shared_spacy.shared_model.cache_clear()


def test_the_model_is_loaded_once_for_every_node(monkeypatch: pytest.MonkeyPatch, shared) -> None:
    loads: List[str] = []
    monkeypatch.setattr(
        shared_spacy, "_load_from_disk", lambda name: loads.append(name) or SimpleNamespace(model=spacy.blank("fr"))
    )
    provided, run = SpacyNLP.load_model(SPACY_MODEL), SpacyNLP.load_model(SPACY_MODEL)
    assert provided is run and loads == [SPACY_MODEL]


def test_rasa_runs_what_the_assistant_reads_and_nothing_more(shared) -> None:
    model = SpacyNLP.load_model(SPACY_MODEL).model
    assert model.component_names == french_pipeline().component_names == model.pipe_names
    assert not {"parser", "senter", "ner"} & set(model.component_names)
    doc = model("j'ai eu de la fièvre hier soir après la séance")
    assert [t.lemma_ for t in doc][:4] == ["je", "avoir", "avoir", "de"]
    assert doc[1].morph.get("Tense") == ["Pres"]
