"""Rasa's graph nodes share one spaCy model per name instead of loading one each."""

from __future__ import annotations

from typing import List

import pytest
from rasa.nlu.utils.spacy_utils import SpacyNLP

from bot.engine import shared_spacy


def test_the_model_is_loaded_once_for_every_node(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: List[str] = []
    monkeypatch.setattr(shared_spacy, "_load_from_disk", lambda name: loads.append(name) or object())
    monkeypatch.setattr(SpacyNLP, "load_model", SpacyNLP.load_model)  # put back after the test
    shared_spacy.shared_model.cache_clear()
    shared_spacy.share_spacy_models()
    try:
        provided, run = SpacyNLP.load_model("fr_core_news_sm"), SpacyNLP.load_model("fr_core_news_sm")
        assert provided is run and loads == ["fr_core_news_sm"]
    finally:
        shared_spacy.shared_model.cache_clear()
