"""Neighbouring treatments the sources do not cover (other_treatments.yml).

Without this, "le Botox fait-il mal ?" gets the mesotherapy pain answer. A message about a
neighbour alone is out of scope; one that names mesotherapy too is answered about
mesotherapy, with an honest note that the sources say nothing about the neighbour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Tuple

import yaml

from bot.understanding.words import surface

TREATMENTS_FILE = Path(__file__).with_name("other_treatments.yml")
MESOTHERAPY = re.compile(r"\bme[sz]o|mesotherap")


@dataclass(frozen=True)
class Treatment:
    name: str
    patterns: Tuple[re.Pattern, ...]
    always_out_of_scope: bool = False


@dataclass(frozen=True)
class Neighbour:
    treatment: Treatment
    with_mesotherapy: bool  # the message names mesotherapy too

    @property
    def compared(self) -> bool:
        """Mesotherapy beside a neighbour: answered, with a note on the neighbour."""
        return self.with_mesotherapy and not self.treatment.always_out_of_scope


@lru_cache(maxsize=1)
def treatments() -> List[Treatment]:
    entries = yaml.safe_load(TREATMENTS_FILE.read_text(encoding="utf-8"))["treatments"]
    return [
        Treatment(e["name"], tuple(re.compile(p) for p in e["patterns"]), bool(e.get("always_out_of_scope")))
        for e in entries
    ]


def neighbour_in(text: str) -> Optional[Neighbour]:
    folded = surface(text)
    # "mesobotox" names both, and is a comparison.
    for treatment in treatments():
        if any(pattern.search(folded) for pattern in treatment.patterns):
            return Neighbour(treatment, MESOTHERAPY.search(folded) is not None)
    return None


def without_treatment(words: str, treatment: Treatment) -> str:
    """The folded words with the neighbour's names taken out: "mesotherapie ou botox pour
    les rides" is then read as the mesotherapy question it asks."""
    for pattern in treatment.patterns:
        words = pattern.sub(" ", words)
    return " ".join(words.split())
