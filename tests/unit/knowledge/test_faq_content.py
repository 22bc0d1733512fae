"""Every FAQ answer is on a known topic, sourced, and its quotes are really in the sources."""

from __future__ import annotations

import re
from typing import Dict, List

import pytest

from bot.knowledge.sources import collapse_whitespace, load_sources, passage_in_source
from bot.knowledge.topics import FAQ_TOPICS, MIN_EXAMPLES_PER_TOPIC
from bot.knowledge.training_data import examples_per_topic, faq_topic_of_answer, load_training_data
from bot.text.folding import fold

MAX_ANSWER_WORDS = 80


@pytest.fixture(scope="module")
def training_data():
    return load_training_data()


@pytest.fixture(scope="module")
def faq_responses(training_data) -> Dict[str, List[dict]]:
    return {name: v for name, v in training_data.responses.items() if name.startswith("utter_faq/")}


def test_there_are_faq_answers(faq_responses):
    assert len(faq_responses) >= len(FAQ_TOPICS)


def test_every_topic_has_an_answer(training_data):
    answered = set(faq_topic_of_answer(training_data).values())
    assert set(FAQ_TOPICS) <= answered, f"sujets sans réponse : {set(FAQ_TOPICS) - answered}"


def test_every_answer_has_a_known_topic_and_cites_real_passages(faq_responses):
    sources = load_sources()
    problems = []
    for name, variations in faq_responses.items():
        for response in variations:
            metadata = response.get("metadata") or {}
            if metadata.get("topic") not in FAQ_TOPICS:
                problems.append(f"{name}: sujet inconnu {metadata.get('topic')!r}")
            cited = metadata.get("sources") or []
            if not cited:
                problems.append(f"{name}: aucune source")
            for entry in cited:
                source = sources.get(entry.get("id"))
                if source is None:
                    problems.append(f"{name}: source inconnue {entry.get('id')!r}")
                    continue
                if not entry.get("passages"):
                    problems.append(f"{name}: aucun passage cité de {source.id}")
                for passage in entry.get("passages") or []:
                    if not passage_in_source(source, passage):
                        problems.append(f"{name}: passage absent de {source.id} : {passage[:70]!r}")
    assert not problems, "\n".join(problems)


def test_answers_are_short_enough_for_a_phone(faq_responses):
    long_answers = {
        name: len(v[0]["text"].split()) for name, v in faq_responses.items()
        if len(v[0]["text"].split()) > MAX_ANSWER_WORDS
    }
    assert not long_answers


def test_answers_are_in_the_projects_own_words(faq_responses):
    """No sentence of eight words or more copied from a source into an answer."""
    source_texts = [fold(collapse_whitespace(s.text)) for s in load_sources().values()]
    copied = []
    for name, variations in faq_responses.items():
        words = fold(variations[0]["text"]).split()
        for start in range(len(words) - 7):
            chunk = " ".join(words[start : start + 8])
            if any(chunk in text for text in source_texts):
                copied.append(f"{name}: « {chunk} »")
                break
    assert not copied, "\n".join(copied)


def test_follow_up_buttons_point_to_existing_answers(faq_responses):
    for name, variations in faq_responses.items():
        follow_up = (variations[0].get("metadata") or {}).get("follow_up")
        if follow_up:
            assert f"utter_{follow_up}" in faq_responses, f"{name} -> {follow_up}"


def test_every_answer_has_training_examples_and_every_topic_enough(training_data, faq_responses):
    per_answer = training_data.number_of_examples_per_response
    assert {name.removeprefix("utter_") for name in faq_responses} == set(per_answer)
    counts = examples_per_topic(training_data)
    too_few = {t: counts.get(t, 0) for t in FAQ_TOPICS if counts.get(t, 0) < MIN_EXAMPLES_PER_TOPIC}
    assert not too_few, f"moins de {MIN_EXAMPLES_PER_TOPIC} exemples : {too_few}"


# Products injected to dissolve fat: banned for aesthetic purposes in France, never relayed as a use.
FAT_DISSOLVING = re.compile(
    r"caf[ée]ine|artichaut|collag[ée]nase|enzyme|fondre|lipolys|lipodissol|phosphatidylcholine|d[ée]soxycholate",
    re.IGNORECASE,
)
# How an answer promises a call from the clinic: such an answer must carry the button that does it.
CALLBACK_PROMISE = re.compile(r"organiser un rappel|vous rappeler|être rappelé|vous rappelle\b|mettre en relation")
# Names that lend a source more authority than it has, or that do not say which source it is.
VAGUE_SOURCE_NAMES = re.compile(
    r"texte médical|article spécialisé|article grand public|société de mésothérapeutes|"
    r"\bun (autre )?article\b|\bun (autre )?texte\b(?! non signé)",
    re.IGNORECASE,
)
# The kinds of text the five sources are: what a patient is told each source is.
SOURCE_KINDS = {
    "Article d'un assureur santé",
    "Blog d'entreprise",
    "Texte non signé",
    "Article d'un praticien belge sur le site d'une société savante",
    "Page d'une clinique",
}
EMERGENCY_NUMBER = re.compile(r"\b(15|112|114|3114)\b")


def test_no_answer_lists_fat_dissolving_products(faq_responses):
    listed = []
    for name, variations in faq_responses.items():
        metadata = variations[0].get("metadata") or {}
        passages = [p for entry in metadata.get("sources") or [] for p in entry.get("passages") or []]
        for text in [variations[0]["text"], *passages]:
            if FAT_DISSOLVING.search(text):
                listed.append(f"{name}: {text[:80]!r}")
    assert not listed, "\n".join(listed)


def test_an_answer_offers_a_callback_exactly_when_its_metadata_says_so(faq_responses):
    mismatched = [
        name
        for name, variations in faq_responses.items()
        if bool(CALLBACK_PROMISE.search(variations[0]["text"]))
        != bool((variations[0].get("metadata") or {}).get("offers_callback"))
    ]
    assert not mismatched, f"promesse de rappel et offers_callback en désaccord : {mismatched}"


def test_every_domain_response_that_offers_a_callback_carries_its_button(domain):
    missing = [
        name
        for name, variations in domain["responses"].items()
        # The callback form's own questions speak of the call already under way.
        if not name.startswith(("utter_faq/", "utter_ask_"))
        for variation in variations
        if CALLBACK_PROMISE.search(variation.get("text", ""))
        and not any(b.get("payload") == "/request_callback" for b in variation.get("buttons") or [])
    ]
    assert not missing, f"rappel promis sans bouton : {missing}"


def test_no_response_hard_codes_an_emergency_number(domain):
    """Numbers depend on the clinic's country: code adds them (bot.safety.emergency), no template."""
    hard_coded = [
        name
        for name, variations in domain["responses"].items()
        for variation in variations
        if EMERGENCY_NUMBER.search(variation.get("text", ""))
    ]
    assert not hard_coded, f"numéros d'urgence écrits en dur : {hard_coded}"


def test_answers_about_what_follows_an_injection_say_when_to_worry(faq_responses):
    about_after_effects = {
        name for name, v in faq_responses.items()
        if (v[0].get("metadata") or {}).get("topic") == "side_effects" or name == "utter_faq/session_aftercare"
    }
    flagged = {name for name, v in faq_responses.items() if (v[0].get("metadata") or {}).get("when_to_worry")}
    assert about_after_effects <= flagged
    # Written by code only, with the right number: never in an answer's own words.
    assert not [name for name in flagged if "respirer" in faq_responses[name][0]["text"]]


def test_every_source_is_named_by_its_kind():
    sources = load_sources()
    assert {source.kind for source in sources.values()} == SOURCE_KINDS
    assert all(source.label.startswith(source.kind) for source in sources.values())
    assert "texte-medical" not in sources


def test_no_answer_gives_a_source_a_vague_or_flattering_name(faq_responses):
    vague = [
        f"{name}: {match.group(0)!r}"
        for name, variations in faq_responses.items()
        for match in [VAGUE_SOURCE_NAMES.search(variations[0]["text"])]
        if match
    ]
    assert not vague, "\n".join(vague)
