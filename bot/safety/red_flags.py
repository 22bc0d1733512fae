"""Finds emergency red flags in a patient's message, whatever the intent classifier thinks.

The reviewed word list lives in red_flag_terms.yml (its format is documented at its top).
A rule fires when its words appear in one sentence, are not negated ("je n'ai eu aucune
fièvre") and are reported rather than asked about in general ("est-ce que la méso peut
donner de la fièvre ?"). When unsure, it fires: a missed emergency is the worst failure.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Callable, Dict, FrozenSet, Iterator, List, Optional, Sequence, Tuple, Union

import yaml
from spacy.tokens import Doc

from bot.safety.alarm_words import FUZZY_MIN_LENGTH, Slot, Word, WordIndex, WordPattern, fold_word, parse_slot
from bot.safety.emergency import SUICIDE
from bot.safety.other_languages import foreign_red_flag
from bot.text.french_spacy import french_pipeline

TERMS_FILE = Path(__file__).with_name("red_flag_terms.yml")
CATEGORIES = ("urgent", "suicide")
NEGATION_MODES = ("block", "require", "ignore")
DEFAULT_WINDOW = 6
# How far before a symptom a minimizer may sit ("juste quelques petits points rouges").
MINIMIZER_REACH = 3
# The longest minimizer of the word list, in words ("un tout petit").
MINIMIZER_LONGEST = 3
# How far before a word a tight negation may sit ("je n'arrive plus du tout à respirer").
TIGHT_NEGATION_REACH = 5
# How far before a verb its "ne" may sit ("je ne me le suis pas...").
NE_REACH = 3
NE_FORMS = frozenset({"ne", "n'", "n"})
# "ça n'arrête pas DE s'étendre": after a continuation verb, the negation does not deny.
DE_FORMS = frozenset({"de", "d'"})
# Negations that may follow a verb: "je respire plus", "ça s'arrête pas".
NEGATIONS_AFTER_VERB = frozenset({"pas", "plus", "jamais"})
# Without "ne", "plus" after a word is often a comparative ("ça gonfle plus"): only these deny.
DENIALS_WITHOUT_NE = frozenset({"pas", "jamais"})
# "plus" is also a comparative: "de plus en plus rouge".
PLUS = frozenset({"plus"})
SENTENCE_END = re.compile(r"^[.!?…]+$|\n")
CLAUSE_PUNCTUATION = re.compile(r"^[,;:()\[\]\"«»/]+$")

# "a" typed without its accent before these words is the preposition "à" ("à cause de"), not "avoir".
PREPOSITION_A_BEFORE = frozenset({"cause", "cote", "peine", "partir", "travers", "force", "nouveau"})

# Where a doc keeps its analysis (spaCy's free slot for users' data).
ANALYSIS_KEY = "red_flag_analysis"

Hit = Tuple[int, int]  # (index of the first word, number of words)


@dataclass(frozen=True)
class RedFlag:
    rule: str
    category: str  # "urgent" | "suicide"
    matched: str
    # The learned alarm reader's probability (bot/safety/alarm_reader.py); None for a rule's red flag.
    probability: Optional[float] = None

    def as_dict(self) -> Dict[str, Any]:
        return {name: value for name, value in asdict(self).items() if value is not None}


@dataclass(frozen=True)
class Pattern:
    slots: Tuple[Slot, ...]
    window: int = DEFAULT_WINDOW
    ordered: bool = False
    negation: str = "block"
    not_next: Slot = ()
    not_after: Slot = ()
    needs: Tuple[str, ...] = ()
    topic: bool = False
    # A sign said mild earlier in its clause ("un peu rouge et chaud") does not alert.
    not_mild: bool = False
    # The words may sit in two sentences ("je saigne depuis la séance ? je suis sous Xarelto").
    across_sentences: bool = False
    # Per slot, the first words of its alternatives: a message holding none of one slot's
    # cannot match, which a set test tells before any word-by-word search.
    first_words: Tuple[FrozenSet[WordPattern], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        firsts = tuple(frozenset(alternative[0] for alternative in slot) for slot in self.slots)
        object.__setattr__(self, "first_words", firsts)


@dataclass(frozen=True)
class Rule:
    name: str
    category: str
    clinical: str  # one of the word list's clinical categories ("respiratory", "skin_circulation"...)
    context_free: bool
    patterns: Tuple[Pattern, ...]


@dataclass(frozen=True)
class NegationSettings:
    cues: FrozenSet[str]
    window: int
    scope_breakers: FrozenSet[str]
    intensifiers: FrozenSet[str]
    plus_not_negation_after: FrozenSet[str]
    plus_not_negation_before: FrozenSet[str]
    tight_gap_words: FrozenSet[str]
    not_negation_after_verb: FrozenSet[str]
    not_denial_after_pas: FrozenSet[str]
    continuation_verbs: FrozenSet[str]


@dataclass(frozen=True)
class Terms:
    spellings: Dict[str, FrozenSet[str]]
    not_typos: Tuple[WordPattern, ...]
    clause_boundaries: FrozenSet[str]
    negation: NegationSettings
    contexts: Dict[str, Tuple[re.Pattern, ...]]
    rules: Tuple[Rule, ...]
    # Clinical category -> why its signs are an emergency (documented in the word list).
    clinical_categories: Dict[str, str]
    # Any body symptom, for the safety net (a symptom since the session that no rule knows).
    body_symptoms: Slot
    # Words that make such a symptom mild ("un peu", "petite"): the safety net lets it through.
    symptom_minimizers: Slot
    # Every word pattern above, filed for lookup (alarm_words.WordIndex).
    word_index: WordIndex

    def is_real_word(self, typed: str) -> bool:
        return any(pattern.matches_form(typed) for pattern in self.not_typos)

    def context(self, name: str, text: str) -> bool:
        return any(regex.search(text) for regex in self.contexts[name])


def _folded_set(words: Sequence[str]) -> FrozenSet[str]:
    return frozenset(fold_word(str(word)) for word in words)


def _parse_pattern(raw: Dict[str, Any], rule_name: str) -> Pattern:
    negation = raw.get("negation", "block")
    if negation not in NEGATION_MODES:
        raise ValueError(f"{rule_name}: negation must be one of {NEGATION_MODES}, not {negation!r}")
    return Pattern(
        slots=tuple(parse_slot(slot) for slot in raw["words"]),
        window=int(raw.get("window", DEFAULT_WINDOW)),
        ordered=bool(raw.get("ordered", False)),
        negation=negation,
        not_next=tuple((WordPattern.parse(word),) for word in raw.get("not_next", [])),
        not_after=parse_slot(raw.get("not_after", [])),
        needs=tuple(raw.get("needs", [])),
        topic=bool(raw.get("topic", False)),
        not_mild=bool(raw.get("not_mild", False)),
        across_sentences=bool(raw.get("across_sentences", False)),
    )


def _parse_rule(name: str, raw: Dict[str, Any], clinical_categories: Dict[str, str]) -> Rule:
    if raw["category"] not in CATEGORIES:
        raise ValueError(f"{name}: category must be one of {CATEGORIES}")
    if raw.get("clinical") not in clinical_categories:
        raise ValueError(f"{name}: clinical must be one of {sorted(clinical_categories)}")
    return Rule(
        name=name,
        category=raw["category"],
        clinical=raw["clinical"],
        context_free=bool(raw.get("context_free", False)),
        patterns=tuple(_parse_pattern(pattern, name) for pattern in raw["patterns"]),
    )


def word_patterns(rules: Sequence[Rule], *slots: Slot) -> Iterator[WordPattern]:
    pattern_slots = (s for rule in rules for p in rule.patterns for s in (*p.slots, p.not_next, p.not_after))
    for slot in itertools.chain(pattern_slots, slots):
        for alternative in slot:
            yield from alternative


@cache
def load_terms(path: Path = TERMS_FILE) -> Terms:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    negation = raw["negation"]
    clinical_categories = {name: str(category["why"]) for name, category in raw["clinical_categories"].items()}
    rules = tuple(_parse_rule(name, rule, clinical_categories) for name, rule in raw["rules"].items())
    body_symptoms, symptom_minimizers = parse_slot(raw["body_symptoms"]), parse_slot(raw["symptom_minimizers"])
    terms = Terms(
        spellings={fold_word(k): _folded_set(v) for k, v in raw["spellings"].items()},
        not_typos=tuple(WordPattern.parse(word) for word in raw["not_typos"]),
        clause_boundaries=_folded_set(raw["clause_boundaries"]),
        negation=NegationSettings(
            cues=_folded_set(negation["cues"]),
            window=int(negation["window"]),
            scope_breakers=_folded_set(negation["scope_breakers"]),
            intensifiers=_folded_set(negation["intensifiers"]),
            plus_not_negation_after=_folded_set(negation["plus_not_negation_after"]),
            plus_not_negation_before=_folded_set(negation["plus_not_negation_before"]),
            tight_gap_words=_folded_set(negation["tight_gap_words"]),
            not_negation_after_verb=_folded_set(negation["not_negation_after_verb"]),
            not_denial_after_pas=_folded_set(negation["not_denial_after_pas"]),
            continuation_verbs=_folded_set(negation["continuation_verbs"]),
        ),
        contexts={name: tuple(re.compile(r) for r in regexes) for name, regexes in raw["contexts"].items()},
        rules=rules,
        clinical_categories=clinical_categories,
        body_symptoms=body_symptoms,
        symptom_minimizers=symptom_minimizers,
        word_index=WordIndex(word_patterns(rules, body_symptoms, symptom_minimizers)),
    )
    unknown = {need for rule in terms.rules for p in rule.patterns for need in p.needs} - set(terms.contexts)
    if unknown:
        raise ValueError(f"Unknown contexts in `needs`: {sorted(unknown)}")
    return terms


class MessageAnalysis:
    """The words of one message, cut into sentences and clauses, with negation and context tests."""

    def __init__(self, doc: Doc, terms: Terms) -> None:
        self.doc = doc
        self.terms = terms
        # The whole message, folded once: several context tests read it for every candidate sign.
        self.folded_message = fold_word(doc.text)
        self.words = [self._word(token) for token in doc if not token.is_space or "\n" in token.text]
        # The list's patterns each word matches, found once (a message is read by every rule).
        self.matches = [terms.word_index.matching(word) for word in self.words]
        self.positions: Dict[WordPattern, List[int]] = {}
        for index, matched in enumerate(self.matches):
            for pattern in matched:
                self.positions.setdefault(pattern, []).append(index)
        self.present = frozenset(self.positions)
        self.sentences = self._segments(lambda w: bool(SENTENCE_END.search(w.typed)))
        self.clauses = self._segments(
            lambda w: (
                bool(SENTENCE_END.search(w.typed) or CLAUSE_PUNCTUATION.match(w.typed))
                or w.is_any(terms.clause_boundaries)
            )
        )

    def _word(self, token: Any) -> Word:
        typed = fold_word(token.text) or token.text
        forms = {typed, typed.rstrip("'"), fold_word(token.lemma_)}
        forms |= self.terms.spellings.get(typed, frozenset())
        return Word(
            typed=typed,
            forms=frozenset(f for f in forms if f),
            pos=token.pos_,
            start=token.idx,
            end=token.idx + len(token.text),
            finite_verb=token.pos_ in ("VERB", "AUX") and token.morph.get("VerbForm") == ["Fin"],
            present_tense=token.pos_ in ("VERB", "AUX") and token.morph.get("Tense") == ["Pres"],
            participle=token.morph.get("VerbForm") == ["Part"],
            may_be_typo=len(typed) >= FUZZY_MIN_LENGTH - 1 and not self.terms.is_real_word(typed),
        )

    def _segments(self, is_boundary: Callable[[Word], bool]) -> List[Tuple[int, int]]:
        """(start, end) word ranges between boundary words; `end` is the boundary's index."""
        segments, start = [], 0
        for index, word in enumerate(self.words):
            if is_boundary(word):
                segments.append((start, index))
                start = index + 1
        segments.append((start, len(self.words)))
        return [(start, end) for start, end in segments if end > start]

    def text(self, start: int, end: int) -> str:
        """Folded text of words[start:end], with the message's own spacing."""
        if end <= start:
            return ""
        return fold_word(self.doc.text[self.words[start].start : self.words[end - 1].end])

    def segment_of(self, segments: List[Tuple[int, int]], index: int) -> Tuple[int, int]:
        # A boundary word belongs to no segment: it is then its own.
        return next((s for s in segments if s[0] <= index < s[1]), (index, index + 1))

    # --- word matching -------------------------------------------------------------------------
    def may_match(self, pattern: Pattern) -> bool:
        """Every slot of the pattern has a first word somewhere in the message."""
        return all(not firsts.isdisjoint(self.present) for firsts in pattern.first_words)

    def word_matches(self, index: int, pattern: WordPattern) -> bool:
        return pattern in self.matches[index]

    def hits(self, slot: Slot, start: int, end: int) -> List[Hit]:
        """Where the slot's words are in words[start:end]: at each place, the first alternative
        of the slot that is there (alternatives are tried from where their first word is)."""
        found: Dict[int, int] = {}
        for alternative in slot:
            size = len(alternative)
            for index in self.positions.get(alternative[0], ()):
                if start <= index and index + size <= end and index not in found and all(
                    self.word_matches(index + offset, word) for offset, word in enumerate(alternative[1:], 1)
                ):
                    found[index] = size
        return sorted(found.items())

    def follows(self, slot: Slot, index: int) -> bool:
        """Does one of the slot's alternatives end right before this word ("bouton de" fièvre)?"""
        return any(
            index >= len(alternative)
            and all(self.word_matches(index - len(alternative) + k, word) for k, word in enumerate(alternative))
            for alternative in slot
        )

    # --- negation --------------------------------------------------------------------------------
    def _is(self, index: int, words: FrozenSet[str]) -> bool:
        return 0 <= index < len(self.words) and self.words[index].is_any(words)

    def _has_ne_before(self, index: int, reach: int) -> bool:
        clause_start = self.segment_of(self.clauses, index)[0]
        return any(self._is(j, NE_FORMS) for j in range(max(clause_start, index - reach), index))

    def _negates(self, cue: int) -> bool:
        """Is this negation word really one? "de plus en plus rouge" is not, nor "ça n'arrête
        pas de s'étendre" (it goes on)."""
        negation = self.terms.negation
        if self._is(cue - 1, negation.continuation_verbs) and self._is(cue + 1, DE_FORMS):
            return False
        if not self.words[cue].typed.isalpha():  # "+" (read "plus" by spaCy) joins signs in SMS
            return False
        if not self._is(cue, PLUS) or self._has_ne_before(cue, negation.window):
            return True
        after_next = cue + 1 < len(self.words) and self.words[cue + 1].pos == "ADJ"
        return not (
            self._is(cue - 1, negation.plus_not_negation_after)
            or self._is(cue + 1, negation.plus_not_negation_before)
            or after_next
        )

    def is_negated(self, index: int) -> bool:
        """A negation earlier in the clause ("pas de fièvre"), or around the verb ("ne gonfle pas")."""
        return self.negation_of(index) is not None

    def negation_of(self, index: int) -> Optional[int]:
        """The index of the word that negates this one, if any (see is_negated)."""
        negation = self.terms.negation
        for j in range(index - 1, max(-1, index - 1 - negation.window), -1):
            if self._is(j, negation.intensifiers):
                return None
            if self._is(j, negation.cues) and self._negates(j):
                return j
            if self._is(j, negation.scope_breakers):
                # "rien qui sent mauvais": the relative clause right after "rien" is denied (not
                # "je sais pas qui appeler, ma gorge gonfle").
                if self.words[j].typed == "qui" and index - j <= 2 and j > 0 and self.words[j - 1].typed == "rien":
                    return j - 1
                break
        if not self._is(index + 1, NEGATIONS_AFTER_VERB):
            return None
        # Patients drop the "ne": "je saigne pas" denies, "j'ai mal pas possible" does not.
        next_typed = self.words[index + 2].typed if index + 2 < len(self.words) else ""
        dropped_ne = self._is(index + 1, DENIALS_WITHOUT_NE) and next_typed not in negation.not_denial_after_pas
        return index + 1 if dropped_ne or self._has_ne_before(index, NE_REACH) else None

    def is_tightly_negated(self, index: int) -> bool:
        """The negation bears on this very word: "j'arrive plus à respirer", "je respire plus"."""
        negation = self.terms.negation
        for j in range(index - 1, max(-1, index - 1 - TIGHT_NEGATION_REACH), -1):
            if self._is(j, negation.cues) and self._negates(j):
                return True
            if not self._is(j, negation.tight_gap_words):
                break
        return self._is(index + 1, NEGATIONS_AFTER_VERB) and not self._is(index + 2, negation.not_negation_after_verb)

    def is_said_mild(self, indexes: Sequence[int]) -> bool:
        """A minimizer ("un peu", "léger") earlier in the clause of the first word, or right before
        another one, one word at most between them: "les lèvres un tout petit peu gonflées" (not
        "ça gonfle énormément, un peu partout sur le visage")."""
        minimizers = self.terms.symptom_minimizers
        clause_start = self.segment_of(self.clauses, min(indexes))[0]

        def right_before(index: int) -> bool:
            nearby = self.hits(minimizers, max(0, index - MINIMIZER_LONGEST - 1), index)
            return any(index - 1 <= start + size <= index for start, size in nearby)

        return bool(self.hits(minimizers, clause_start, min(indexes))) or any(map(right_before, indexes))

    # --- context ---------------------------------------------------------------------------------
    def is_reported(self, indexes: Sequence[int], topic: bool = False) -> bool:
        """Are these words part of a report ("j'ai de la fièvre"), not of a general question?

        The context is read in the clauses holding the words ("la méso des lèvres, ça fait
        gonfler ?" is one question), and only before the first one for question words
        ("j'ai de la fièvre est-ce que ça peut venir de la méso" is a report). A `topic` word
        ("infection") is also what people ask about: a bare "infection après méso" is a query.
        """
        terms = self.terms
        first, last = min(indexes), max(indexes)
        start = self.segment_of(self.clauses, first)[0]
        end = max(self.segment_of(self.clauses, index)[1] for index in indexes)
        # Over is said after the sign: "la fièvre est tombée", not "la vision a disparu".
        clause, before, after = self.text(start, end), self.text(start, first), self.text(last + 1, end)
        sentence_start, sentence_end = self.segment_of(self.sentences, first)
        sentence = self.text(sentence_start, sentence_end)
        if not self.is_happening_now(first):
            return False
        if terms.context("resolved", after) and not re.search(r"\b(pas|plus|jamais)\b", after):
            return False
        if terms.context("hypothetical", before):
            return False
        habitual = terms.context("habitual", before) or terms.context("habitual_anywhere", clause)
        going_on = terms.context("session_link", sentence) or terms.context("ongoing", self.folded_message)
        if habitual and not going_on:
            return False
        if terms.context("report", clause) or terms.context("report_sentence", sentence):
            return True
        if terms.context("topic_question", sentence):
            return False
        ends_with_question = end < len(self.words) and "?" in self.words[end].typed
        if ends_with_question or terms.context("question", before):
            return False
        return not topic or terms.context("session_link", clause) or self._has_finite_verb(start, end)

    def is_happening_now(self, first: int) -> bool:
        """False for a sign told of the past ("l'an dernier", "... mais c'est parti"), of someone
        else in the past, or in a message written before the session, unless something in the
        message says it is going on now ("depuis", "maintenant", "ce matin")."""
        terms = self.terms
        sentence_start, sentence_end = self.segment_of(self.sentences, first)
        message = self.folded_message
        sentence = self.text(sentence_start, sentence_end)
        if terms.context("history", sentence) and not terms.context("ongoing", sentence):
            return False
        if self._told_as_over(self.text(first, sentence_end)):
            return False
        if (
            terms.context("before_session", message)
            and not terms.context("ongoing", message)
            and not terms.context("session_link", message)
        ):
            return False
        return not self._about_someone_else_in_the_past(sentence_start, first)

    def _about_someone_else_in_the_past(self, sentence_start: int, first: int) -> bool:
        """ "ma copine a eu les lèvres gonflées" (not "... et depuis hier elle a de la fièvre")."""
        terms = self.terms
        lead = self.text(sentence_start, first)
        last_subject = max(
            (
                (match.start(), name)
                for name in ("other_person", "first_person")
                for regex in terms.contexts[name]
                for match in regex.finditer(lead)
            ),
            default=None,
        )
        if last_subject is None or last_subject[1] != "other_person" or self._told_in_present(first):
            return False
        message = self.folded_message
        return terms.context("past_narrative", self.text(sentence_start, len(self.words))) and not terms.context(
            "ongoing", message
        )

    def is_not_told_as_over(self, first: int) -> bool:
        """For signs that alert even in a question (suicidal thoughts): only a past episode
        said to be over ("il y a 5 ans..., ça va bien maintenant") does not alert."""
        terms = self.terms
        sentence_start, sentence_end = self.segment_of(self.sentences, first)
        sentence = self.text(sentence_start, sentence_end)
        long_ago = terms.context("history", sentence)
        someone_else = self._about_someone_else_in_the_past(sentence_start, first)
        if long_ago and someone_else:
            # Someone else's, years ago ("mon frère s'est suicidé il y a 5 ans"): nothing is over,
            # yet nobody is in danger now; the answer still gives the prevention line.
            return False
        return not ((long_ago or someone_else) and self._told_as_over(self.folded_message))

    def _told_as_over(self, text: str) -> bool:
        """ "c'est parti", "ça m'a sauvée", unless it comes back after ("... mais ça recommence")."""
        return self.terms.context("resolved_later", text) and not self.terms.context("relapse", text)

    def _told_in_present(self, index: int) -> bool:
        """The clause of the sign has a verb in the present, not "avoir" making a past tense:
        "il a fait sa séance, sa peau est marbrée" tells of now, "elle a eu les lèvres
        gonflées" of the past ("est" + participle is a state: "sa joue est gonflée")."""
        start, end = self.segment_of(self.clauses, index)
        words = self.words[start:end]
        return any(
            word.present_tense
            and word.finite_verb
            and not ("avoir" in word.forms and any(w.participle for w in words[k + 1 : k + 3]))
            and not (word.typed == "a" and k + 1 < len(words) and words[k + 1].typed in PREPOSITION_A_BEFORE)
            # "il s'est suicidé": a reflexive past tense, not a state ("sa joue est gonflée").
            and not (k > 0 and words[k - 1].typed in ("s'", "se") and any(w.participle for w in words[k + 1 : k + 2]))
            # "il y a dix ans" dates the story, it does not tell it in the present.
            and not (k > 0 and words[k - 1].typed == "y")
            for k, word in enumerate(words)
        )

    def _has_finite_verb(self, start: int, end: int) -> bool:
        return any(word.finite_verb for word in self.words[start:end])


def _combinations(pattern: Pattern, hits_per_slot: List[List[Hit]]) -> List[Tuple[Hit, ...]]:
    """Slot hits that fit the pattern's window and order, without overlapping words."""
    fitting = []
    for combo in itertools.product(*hits_per_slot):
        starts = [start for start, _ in combo]
        if max(starts) - min(starts) > pattern.window:
            continue
        ranges = sorted(combo) if not pattern.ordered else list(combo)
        if all(a[0] + a[1] <= b[0] for a, b in itertools.pairwise(ranges)):
            fitting.append(combo)
    return fitting


def _accepts(analysis: MessageAnalysis, rule: Rule, pattern: Pattern, combo: Tuple[Hit, ...]) -> bool:
    first_slot = combo[0][0]
    if pattern.negation == "require" and not analysis.is_tightly_negated(first_slot):
        return False
    if pattern.negation == "block" and any(analysis.is_negated(start) for start, _ in combo):
        return False
    last = max(start + size for start, size in combo)
    if pattern.not_next and last < len(analysis.words) and analysis.hits(pattern.not_next, last, last + 1):
        return False
    if pattern.not_after and any(analysis.follows(pattern.not_after, start) for start, _ in combo):
        return False
    if pattern.not_mild and analysis.is_said_mild([start for start, _ in combo]):
        return False
    if pattern.needs:
        sentence = analysis.text(*analysis.segment_of(analysis.sentences, first_slot))
        if not all(analysis.terms.context(need, sentence) for need in pattern.needs):
            return False
    indexes = [start for start, _ in combo]
    if pattern.across_sentences:
        # The first words are the background ("sous Xarelto"); the sign's own sentence decides.
        indexes = indexes[1:]
    if rule.context_free:
        return analysis.is_not_told_as_over(indexes[0])
    return analysis.is_reported(indexes, pattern.topic)


def _placements(analysis: MessageAnalysis, pattern: Pattern) -> Iterator[Tuple[Hit, ...]]:
    """Every way the pattern's words fit in one sentence (in the message, for a pattern that
    reads across sentences), whatever their negation or context."""
    if not analysis.may_match(pattern):
        return
    for start, end in [(0, len(analysis.words))] if pattern.across_sentences else analysis.sentences:
        hits_per_slot = [analysis.hits(slot, start, end) for slot in pattern.slots]
        if all(hits_per_slot):
            yield from _combinations(pattern, hits_per_slot)


def _find(analysis: MessageAnalysis, rule: Rule) -> Optional[Tuple[int, int]]:
    """Word range of the first place where the rule fires, if any."""
    for pattern in rule.patterns:
        for combo in _placements(analysis, pattern):
            if _accepts(analysis, rule, pattern, combo):
                return min(s for s, _ in combo), max(s + n for s, n in combo)
    return None


def _analyse(doc_or_text: Union[Doc, str], terms: Optional[Terms]) -> Tuple[Doc, MessageAnalysis]:
    """The message's analysis, made once per doc: the detector asks three questions of it."""
    doc = doc_or_text if isinstance(doc_or_text, Doc) else french_pipeline()(doc_or_text)
    terms = terms or load_terms()
    analysis = doc.user_data.get(ANALYSIS_KEY)
    if not isinstance(analysis, MessageAnalysis) or analysis.terms is not terms:
        analysis = MessageAnalysis(doc, terms)
        doc.user_data[ANALYSIS_KEY] = analysis
    return doc, analysis


def _named_signs(analysis: MessageAnalysis, rules: Sequence[Rule]) -> Iterator[Rule]:
    """The rules whose words are all in one sentence, whatever their negation or context."""
    return (
        rule
        for rule in rules
        if any(
            all(analysis.hits(slot, start, end) for slot in pattern.slots)
            for pattern in rule.patterns
            if analysis.may_match(pattern)
            for start, end in analysis.sentences
        )
    )


def mentions_symptom(doc_or_text: Union[Doc, str], terms: Optional[Terms] = None) -> bool:
    """True when the words of an alarm sign are there, even denied or asked about in general."""
    _, analysis = _analyse(doc_or_text, terms)
    return next(_named_signs(analysis, analysis.terms.rules), None) is not None


def mentions_suicidal_words(doc_or_text: Union[Doc, str], terms: Optional[Terms] = None) -> bool:
    """True when suicidal words are there, even told as over or as someone else's."""
    _, analysis = _analyse(doc_or_text, terms)
    suicide_rules = [rule for rule in analysis.terms.rules if rule.category == SUICIDE]
    return next(_named_signs(analysis, suicide_rules), None) is not None


def denied_signs(doc_or_text: Union[Doc, str], terms: Optional[Terms] = None) -> Optional[List[Tuple[int, int]]]:
    """Where the message names alarm signs only to deny them ("je n'ai ni la gorge qui serre ni
    les lèvres gonflées"): the character spans of each negation word and of the sign's own
    words, nothing between them. None when a sign is named without a negation, by a rule whose
    negation is not a plain denial, across sentences, or as suicidal thoughts ("je ne veux pas
    me tuer" may be ambivalent); empty when none is named."""
    _, analysis = _analyse(doc_or_text, terms)
    spans: List[Tuple[int, int]] = []
    words = analysis.words
    for rule in analysis.terms.rules:
        for pattern in rule.patterns:
            for combo in _placements(analysis, pattern):
                negated = [cue for cue in (analysis.negation_of(first) for first, _ in combo) if cue is not None]
                if not negated or pattern.negation != "block" or pattern.across_sentences or rule.category == SUICIDE:
                    return None
                hits = [(cue, 1) for cue in negated] + list(combo)
                spans += [(words[first].start, words[first + size - 1].end) for first, size in hits]
    return spans


def detect_red_flag(doc_or_text: Union[Doc, str], terms: Optional[Terms] = None) -> Optional[RedFlag]:
    """The first red flag of the message (rules in the word list's priority order), or None.

    A message written in another language is read with that language's alarm words."""
    doc, analysis = _analyse(doc_or_text, terms)
    for rule in analysis.terms.rules:
        found = _find(analysis, rule)
        if found:
            first, end = found
            matched = doc.text[analysis.words[first].start : analysis.words[end - 1].end]
            return RedFlag(rule.name, rule.category, matched)
    foreign = foreign_red_flag(doc.text)
    if foreign:
        return RedFlag(f"{foreign.clinical}_{foreign.language}", foreign.category, foreign.matched)
    return None


def from_word_list(red_flag: RedFlag, terms: Optional[Terms] = None) -> bool:
    """True for a rule of the French word list, False for another language's alarm words."""
    return any(rule.name == red_flag.rule for rule in (terms or load_terms()).rules)


def clinical_category(red_flag: RedFlag, terms: Optional[Terms] = None) -> str:
    """The clinical category of the rule that fired ("respiratory", "skin_circulation"...)."""
    rules = (terms or load_terms()).rules
    return next(rule.clinical for rule in rules if rule.name == red_flag.rule)


def session_symptom(doc_or_text: Union[Doc, str], terms: Optional[Terms] = None) -> Optional[str]:
    """The safety net: a body symptom told as happening now and linked in time to a session or an
    injection ("depuis la séance", "après la piqûre"), that no red-flag rule knows. Returns the
    symptom's words, or None. Such a message goes to a doctor, the emergency number first."""
    doc, analysis = _analyse(doc_or_text, terms)
    if not analysis.terms.context("session_link", fold_word(doc.text)):
        return None
    minimizers = analysis.terms.symptom_minimizers
    for start, end in analysis.sentences:
        for index, size in analysis.hits(analysis.terms.body_symptoms, start, end):
            # "juste quelques petits points rouges": a mild sign gets the normal answer.
            minimized = analysis.hits(minimizers, max(start, index - MINIMIZER_REACH), index)
            if not minimized and not analysis.is_negated(index) and analysis.is_reported([index]):
                return doc.text[analysis.words[index].start : analysis.words[index + size - 1].end]
    return None
