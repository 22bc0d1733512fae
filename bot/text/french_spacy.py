"""The French spaCy model the assistant reads messages with, and the parts of it it never uses.

The topic classifier and the red-flag rule read tokens, lemmas, parts of speech and
morphology; none reads the dependency parse, the sentence boundaries spaCy would find (the
rule cuts its own) or the named entities, so none of these is loaded.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

SPACY_MODEL = "fr_core_news_sm"
UNUSED_COMPONENTS = ("parser", "senter", "ner")


@cache
def french_pipeline() -> Language:
    """The pipeline Rasa runs in the assistant (bot/engine/shared_spacy.py), for code that
    reads texts outside Rasa: the alarm reader's training, the rule given a bare text, tools."""
    return spacy.load(SPACY_MODEL, exclude=list(UNUSED_COMPONENTS))
