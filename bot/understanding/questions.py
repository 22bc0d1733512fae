"""Finds the questions inside a message: several questions, or a story ending in one.

A patient writes "combien ça coûte et est-ce que la mutuelle rembourse ?" or tells their
story over five sentences before asking. Each part is read on its own so that every
distinct question is answered and a long story does not drown the question.
"""

from __future__ import annotations

import re
from typing import List, Tuple

QUESTION_WORDS = (
    r"est[- ]ce|combien|comment|quel|quelle|quels|quelles|pourquoi|quand|qui|y a|faut[- ]il|"
    r"peut[- ]on|peut[- ]elle|c'est|ca |ça |cb |koi|pk |on peut|je peux|dois[- ]je|et le prix|et les risques"
)
# The real question after a calm preamble: "pas de fièvre, rien, c'est juste que le pansement
# s'est décollé, je le remets ?", "tout va bien, par contre je me demandais si ...".
ASIDE_QUESTION = (
    r"(?:par contre |mais )?(?:c'est juste que|c'était juste pour|c'etait juste pour|c'est juste pour|"
    r"juste pour savoir|je me demandais|je voulais (?:juste )?savoir|je voudrais (?:juste )?savoir)"
)
# Where one part ends: a sentence end, a line break, a new question joined by
# "et"/"ou"/"mais" ("combien ça coûte et est-ce que ..."), or the question after a preamble.
BOUNDARY = re.compile(
    rf"(?<=[?!.;])\s+|\n+|\s+(?:et|ou|mais|puis)\s+(?=(?:{QUESTION_WORDS}))|,\s*(?={ASIDE_QUESTION})",
    re.IGNORECASE,
)
# Without a question mark, only an interrogative word makes a sentence a question.
STARTS_AS_QUESTION = re.compile(
    r"(?:est[- ]ce|combien|comment|quel|quelle|quels|quelles|pourquoi|quand|faut[- ]il|peut[- ]on|"
    rf"peut[- ]elle|dois[- ]je|où |ou (?:faire|trouver|aller) |cb |koi|pk |{ASIDE_QUESTION})", re.IGNORECASE,
)
# A verb inverted with its subject ("réalise-t-on", "est-elle", "peut-il") asks a question.
INVERTED_SUBJECT = re.compile(r"\w-(?:t-)?(?:il|elle|on|ils|elles|je|vous)\b", re.IGNORECASE)
WORD = re.compile(r"\w+")
# A part shorter than this is a fragment of the sentence around it, not a question of its own.
MIN_WORDS = 3

Span = Tuple[int, int]


def parts(text: str) -> List[Span]:
    """Character spans of the sentences and joined questions of a message, in order."""
    spans, start = [], 0
    for boundary in [*BOUNDARY.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        if len(WORD.findall(text[start:end])) >= MIN_WORDS:
            spans.append((start, end))
        if boundary:
            start = boundary.end()
    return spans


def is_question(part: str) -> bool:
    return (
        part.rstrip().endswith("?")
        or STARTS_AS_QUESTION.match(part.strip()) is not None
        or INVERTED_SUBJECT.search(part) is not None
    )
