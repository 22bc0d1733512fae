"""One spaCy model per process, shared by the nodes of Rasa's graph.

Rasa 3.6 builds a SpacyNLP component for each graph node that uses it: the node that provides
the model and the node that runs it over messages. Each loads fr_core_news_sm from disk,
although the running node only ever uses the provided one: 9 s more at every start and one
more copy of the model in memory. Here the model loaded for a name is loaded once.
"""

from __future__ import annotations

from functools import cache

from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

_load_from_disk = SpacyNLP.load_model


@cache
def shared_model(name: str) -> SpacyModel:
    return _load_from_disk(name)


def share_spacy_models() -> None:
    """Every SpacyNLP of this process gets the one model loaded for its name."""
    SpacyNLP.load_model = staticmethod(shared_model)
