"""The two views of a message the topic model reads: its folded surface and its lemmas.

Patients type without accents, in SMS spelling and with typos: the surface view keeps
character n-grams (robust to spelling), the lemma view lets "piqûres" and "piquer" meet.
"""

from __future__ import annotations

import re
from typing import Iterable

from bot.text.folding import fold

# SMS spellings common enough to hide a word from the lemma view; characters still see them.
SMS_WORDS = {
    "c": "c'est",
    "koi": "quoi",
    "kwa": "quoi",
    "cb": "combien",
    "cmb": "combien",
    "kan": "quand",
    "qd": "quand",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pr": "pour",
    "ds": "dans",
    "tjs": "toujours",
    "bcp": "beaucoup",
    "fe": "fait",
    "ke": "que",
    "ki": "qui",
    "jsuis": "je suis",
    "chui": "je suis",
    "meso": "mesotherapie",
    "mezo": "mesotherapie",
}
WORD = re.compile(r"[a-z0-9]+")


def surface(text: str) -> str:
    """Lower case, no accents, words only: "Ça fait MAL ?" -> "ca fait mal"."""
    return " ".join(WORD.findall(fold(text)))


def expand_sms(words: Iterable[str]) -> str:
    return " ".join(SMS_WORDS.get(word, word) for word in words)


def lemma_view(lemmas: Iterable[str]) -> str:
    """Folded lemmas with SMS spellings spelled out."""
    return expand_sms(WORD.findall(fold(" ".join(lemmas))))
