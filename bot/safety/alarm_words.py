"""The words of the red-flag list, and how a typed word matches them.

Patients type with typos and SMS spellings: a word of the list matches a typed word by one
of its forms (the word itself, its lemma, known spellings) or, for an unknown word, within
one typing error. `WordIndex` finds every list word a typed word matches in a few
dictionary lookups, so a message is not compared with each of the list's thousands of words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple, Union

from bot.text.folding import fold

# Shorter words have too many real neighbours ("pus"/"pas") to tolerate a typo.
FUZZY_MIN_LENGTH = 5
# Typed words repeat from message to message ("seance", "depuis", "douleur"): each is matched
# against the list once (benchmarks/red_flags.py); bounded, whatever patients type.
MATCH_CACHE_SIZE = 10_000


def fold_word(text: str) -> str:
    """Accent- and case-folded, with the ligatures and apostrophes patients' phones produce."""
    return fold(text).replace("œ", "oe").replace("æ", "ae").replace("’", "'").strip()


def within_one_edit(typed: str, expected: str) -> bool:
    """One letter added, missing, changed, or two neighbours swapped ("fievre"/"fivere")."""
    if typed == expected:
        return True
    if abs(len(typed) - len(expected)) > 1:
        return False
    prefix = 0
    while prefix < min(len(typed), len(expected)) and typed[prefix] == expected[prefix]:
        prefix += 1
    typed_rest, expected_rest = typed[prefix:], expected[prefix:]
    if len(typed) == len(expected):
        swapped = len(typed_rest) >= 2 and typed_rest[:2] == expected_rest[1::-1]
        return typed_rest[1:] == expected_rest[1:] or (swapped and typed_rest[2:] == expected_rest[2:])
    if len(typed) > len(expected):
        return typed_rest[1:] == expected_rest
    return typed_rest == expected_rest[1:]


@dataclass(frozen=True)
class Word:
    """One spaCy token, with every spelling it may stand for."""

    typed: str
    forms: FrozenSet[str]
    pos: str
    start: int
    end: int
    finite_verb: bool = False
    present_tense: bool = False  # a finite verb in the present ("a" of "a eu" too: see below)
    participle: bool = False
    # False for real words that look like a typo of a term ("fière" / "fièvre").
    may_be_typo: bool = True

    def is_any(self, words: FrozenSet[str]) -> bool:
        return not self.forms.isdisjoint(words)


# Compared by identity: patterns are looked up millions of times, and two patterns spelled
# alike in two rules match the same words anyway.
@dataclass(frozen=True, eq=False)
class WordPattern:
    """One word of the list: exact ("pus"), prefix ("gonfl*") or regular expression ("/^40$/")."""

    value: str
    kind: str
    regex: Optional[re.Pattern] = None

    @classmethod
    def parse(cls, raw: str) -> WordPattern:
        raw = str(raw).strip()
        if len(raw) > 2 and raw.startswith("/") and raw.endswith("/"):
            return cls(raw, "regex", re.compile(raw[1:-1]))
        if raw.endswith("*"):
            return cls(fold_word(raw[:-1]), "prefix")
        return cls(fold_word(raw), "exact")

    def matches_exactly(self, word: Word) -> bool:
        if self.kind == "regex":
            return self.matches_typed(word.typed)
        if self.kind == "exact":
            return self.value in word.forms
        return any(form.startswith(self.value) for form in word.forms)

    def matches_typed(self, typed: str) -> bool:
        """A regular expression's match of the word as typed."""
        return bool(self.regex and self.regex.search(typed))

    def matches_form(self, form: str) -> bool:
        return form.startswith(self.value) if self.kind == "prefix" else form == self.value

    def matches_with_typo(self, typed: str) -> bool:
        if self.kind == "regex" or len(self.value) < FUZZY_MIN_LENGTH or typed[:1] != self.value[:1]:
            return False
        if self.kind == "exact":
            return within_one_edit(typed, self.value)
        size = len(self.value)
        # A stem typed with a doubled letter single ("essoufle" for "essouffl*") is one letter
        # short; other one-letter-short prefixes match too many real words ("suite"/"suint*").
        if any(
            self.value[i] == self.value[i + 1] and typed[: size - 1] == self.value[:i] + self.value[i + 1 :]
            for i in range(size - 1)
        ):
            return True
        return len(typed) >= size and (
            within_one_edit(typed[:size], self.value) or within_one_edit(typed[: size + 1], self.value)
        )


Alternative = Tuple[WordPattern, ...]  # consecutive words: "de plus en plus"
Slot = Tuple[Alternative, ...]


def parse_slot(raw: Union[str, Sequence[str]]) -> Slot:
    alternatives = raw.split("|") if isinstance(raw, str) else raw
    return tuple(tuple(WordPattern.parse(word) for word in alt.split()) for alt in alternatives if alt.strip())


class WordIndex:
    """The list's word patterns filed by what a typed word must look like to match them:
    exact forms, prefixes, and, for words that may be typos, their first letter."""

    def __init__(self, patterns: Iterable[WordPattern]) -> None:
        self.exact: Dict[str, List[WordPattern]] = defaultdict(list)
        self.prefixes: Dict[str, List[WordPattern]] = defaultdict(list)
        self.regexes: List[WordPattern] = []
        self.typo_candidates: Dict[str, List[WordPattern]] = defaultdict(list)
        for pattern in set(patterns):
            if pattern.kind == "regex":
                self.regexes.append(pattern)
                continue
            (self.exact if pattern.kind == "exact" else self.prefixes)[pattern.value].append(pattern)
            if len(pattern.value) >= FUZZY_MIN_LENGTH:
                self.typo_candidates[pattern.value[:1]].append(pattern)
        self.longest_prefix = max(map(len, self.prefixes), default=0)
        self._matching = lru_cache(maxsize=MATCH_CACHE_SIZE)(self._patterns_matching)

    def matching(self, word: Word) -> FrozenSet[WordPattern]:
        """Every pattern `word` matches: WordPattern.matches_exactly, or matches_with_typo
        when the word may be a typo, without trying the patterns one by one."""
        return self._matching(word.forms, word.typed, word.may_be_typo)

    def _patterns_matching(self, forms: FrozenSet[str], typed: str, may_be_typo: bool) -> FrozenSet[WordPattern]:
        found: Set[WordPattern] = set()
        for form in forms:
            found.update(self.exact.get(form, ()))
            for size in range(min(len(form), self.longest_prefix) + 1):
                found.update(self.prefixes.get(form[:size], ()))
        found.update(pattern for pattern in self.regexes if pattern.matches_typed(typed))
        if may_be_typo:
            candidates = self.typo_candidates.get(typed[:1], ())
            found.update(pattern for pattern in candidates if pattern.matches_with_typo(typed))
        return frozenset(found)
