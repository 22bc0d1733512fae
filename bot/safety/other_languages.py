"""Emergencies written in another language (EN, ES, IT, DE, PT): found, and answered in two languages.

The assistant answers in French. A patient in danger who writes in their own language still gets
the emergency numbers, in French and in their language, and is told in their language that the
assistant answers in French. Words and sentences live in other_languages.yml.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

import yaml

from bot.safety.emergency import SUICIDE, EmergencyNumbers, emergency_message, numbers_for
from bot.text.folding import fold

LANGUAGES_FILE = Path(__file__).with_name("other_languages.yml")
PSYCHIATRIC = "psychiatric"
# The number every EU phone reaches, whatever the country's own emergency number.
EUROPEAN_EMERGENCY_NUMBER = "112"
MIN_MARKERS = 2
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class OtherLanguage:
    code: str
    markers: FrozenSet[str]
    red_flags: Tuple[Tuple[str, re.Pattern], ...]  # (clinical category, expression)
    emergency: str
    suicide: str
    french_only: str


@dataclass(frozen=True)
class OtherLanguages:
    languages: Tuple[OtherLanguage, ...]
    french_markers: FrozenSet[str]


def _folded_words(text: str) -> List[str]:
    return WORD.findall(fold(text).replace("’", "'"))


@cache
def load_other_languages(path: Path = LANGUAGES_FILE) -> OtherLanguages:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return OtherLanguages(
        languages=tuple(
            OtherLanguage(
                code=code,
                markers=frozenset(fold(str(word)) for word in language["markers"]),
                red_flags=tuple(
                    (category, re.compile(expression))
                    for category, expressions in language["red_flags"].items()
                    for expression in expressions
                ),
                emergency=language["emergency"],
                suicide=language["suicide"],
                french_only=language["french_only"],
            )
            for code, language in raw["languages"].items()
        ),
        french_markers=frozenset(fold(str(word)) for word in raw["french_markers"]),
    )


def patient_language(text: str, known: Optional[OtherLanguages] = None) -> Optional[OtherLanguage]:
    """The other language the message is written in, or None for French (or too little to tell)."""
    known = known or load_other_languages()
    words = _folded_words(text)
    french = sum(word in known.french_markers for word in words)
    scores = Counter({language.code: sum(word in language.markers for word in words) for language in known.languages})
    if not scores:
        return None
    code, best = scores.most_common(1)[0]
    # A short message may hold a single marker ("I want to kill myself"): then no French word.
    if best <= french or (best < MIN_MARKERS and french > 0) or best == 0:
        return None
    return next(language for language in known.languages if language.code == code)


@dataclass(frozen=True)
class ForeignRedFlag:
    language: str
    clinical: str
    matched: str

    @property
    def category(self) -> str:
        """"suicide" or "urgent", as for the French rules (the suicide line follows it)."""
        return SUICIDE if self.clinical == PSYCHIATRIC else "urgent"


def foreign_red_flag(text: str, known: Optional[OtherLanguages] = None) -> Optional[ForeignRedFlag]:
    """An alarm sign in the language the message is written in, if it is not French."""
    language = patient_language(text, known)
    if language is None:
        return None
    folded = fold(text).replace("’", "'")
    for clinical, expression in language.red_flags:
        found = expression.search(folded)
        if found:
            return ForeignRedFlag(language.code, clinical, found.group(0))
    return None


def in_patient_language(
    text: str, numbers: EmergencyNumbers, about_suicide: bool, known: Optional[OtherLanguages] = None
) -> Optional[str]:
    """The emergency lines in the patient's language, to follow the French ones; None in French."""
    language = patient_language(text, known)
    if language is None:
        return None
    numbers_text = " / ".join(dict.fromkeys([numbers.first_number, EUROPEAN_EMERGENCY_NUMBER]))
    lines = [language.emergency.format(numbers=numbers_text)]
    if about_suicide:
        lines.append(language.suicide)
    lines.append(language.french_only)
    return " ".join(lines)


def emergency_reply(text: str, country: str, about_suicide: bool) -> Dict[str, Any]:
    """The emergency message in French, then in the patient's language when they wrote in another."""
    message = emergency_message(country, about_suicide)
    translated = in_patient_language(text, numbers_for(country), about_suicide)
    if translated:
        message["text"] += f"\n\n{translated}"
    return message
