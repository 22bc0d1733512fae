"""One spaCy model per process, shared by the nodes of Rasa's graph, without what nothing reads.

Rasa 3.6 builds a SpacyNLP component for each graph node that uses it: the node that provides
the model and the node that runs it over messages. Each loads fr_core_news_sm from disk,
although the running node only ever uses the provided one: 9 s more at every start and one
more copy of the model in memory. Here the model loaded for a name is loaded once.

Rasa leaves the named-entity recogniser on (it only turns the parser off): half of spaCy's
time per message (3.2 of 6.0 ms on the dev questions), for entities nothing here reads (the
classifier and the red-flag rule read words, lemmas and morphology, which stay the same:
benchmarks/spacy_components.py).
"""

from __future__ import annotations

from functools import cache

from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

from bot.text.french_spacy import UNUSED_COMPONENTS

_load_from_disk = SpacyNLP.load_model


@cache
def shared_model(name: str) -> SpacyModel:
    loaded = _load_from_disk(name)
    for component in UNUSED_COMPONENTS:
        # component_names: the parser Rasa disabled is still loaded, unlisted in pipe_names.
        if component in loaded.model.component_names:
            loaded.model.remove_pipe(component)
    return loaded


def share_spacy_models() -> None:
    """Every SpacyNLP of this process gets the one model loaded for its name."""
    SpacyNLP.load_model = staticmethod(shared_model)
