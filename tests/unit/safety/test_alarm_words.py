"""The word index finds exactly the list words that trying each list word would find."""

from __future__ import annotations

import pytest

from bot.safety.alarm_words import Word, WordIndex, WordPattern
from bot.safety.red_flags import load_terms, word_patterns


def word(typed: str, *forms: str, may_be_typo: bool = True) -> Word:
    return Word(typed=typed, forms=frozenset({typed, *forms}), pos="NOUN", start=0, end=len(typed),
                may_be_typo=may_be_typo)


def one_by_one(patterns: list, typed: Word) -> set:
    return {p for p in patterns if p.matches_exactly(typed) or (typed.may_be_typo and p.matches_with_typo(typed.typed))}


@pytest.mark.parametrize("typed", [
    word("fievre"), word("fivere"), word("gonflee", "gonfler"), word("respire", "respirer"), word("40"),
    word("saigne", "saigner"), word("essoufle"), word("poitrine"), word("coute", may_be_typo=False), word("de"),
])
def test_the_index_matches_like_the_patterns_one_by_one(typed: Word) -> None:
    terms = load_terms()
    patterns = list(word_patterns(terms.rules, terms.body_symptoms, terms.symptom_minimizers))
    assert terms.word_index.matching(typed) == one_by_one(patterns, typed)


def test_exact_prefix_and_regex_patterns_are_filed() -> None:
    exact, prefix, regex = WordPattern.parse("pus"), WordPattern.parse("gonfl*"), WordPattern.parse("/^4[0-2]$/")
    index = WordIndex([exact, prefix, regex])
    assert index.matching(word("pus")) == {exact}
    assert index.matching(word("gonfle")) == {prefix}
    assert index.matching(word("41")) == {regex}
    assert index.matching(word("gonlfe")) == {prefix}  # a typo of a long enough word
    assert index.matching(word("pas")) == set()  # shorter words tolerate no typo ("pus"/"pas")


def test_a_word_typed_again_is_matched_from_the_cache_the_same_way() -> None:
    prefix = WordPattern.parse("gonfl*")
    index = WordIndex([prefix])
    first = Word(typed="gonlfe", forms=frozenset({"gonlfe"}), pos="VERB", start=0, end=6)
    later = Word(typed="gonlfe", forms=frozenset({"gonlfe"}), pos="VERB", start=30, end=36)
    assert index.matching(first) == index.matching(later) == {prefix}
    assert index.matching(word("gonlfe", may_be_typo=False)) == set()  # a real word: no typo looked for
    assert index._matching.cache_info().hits == 1
