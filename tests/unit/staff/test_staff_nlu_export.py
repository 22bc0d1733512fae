"""The export of flagged questions: Rasa NLU YAML that Rasa's own reader accepts."""

from __future__ import annotations

from datetime import date

import pytest
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from bot.staff.catalogue import default_intent, load_catalogue
from bot.staff.nlu_export import nlu_yaml
from bot.storage.flags import AnswerFlag

DAY = date(2026, 3, 14)


def flag(flag_id: int, question: str, expected_topic: str, expected_answer_key=None) -> AnswerFlag:
    return AnswerFlag(
        id=flag_id,
        question=question,
        expected_topic=expected_topic,
        expected_answer_key=expected_answer_key,
        answer_text="...",
        answer_topic="fallback",
        answer_intent="nlu_fallback",
        comment="",
        model_version="m",
    )


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def examples_by_intent(yaml_text: str) -> dict:
    training_data = RasaYAMLReader().reads(yaml_text)
    grouped: dict = {}
    for message in training_data.intent_examples:
        intent = message.get("intent")
        if message.get("intent_response_key"):
            intent = message.get("intent_response_key")
        grouped.setdefault(intent, []).append(message.get("text"))
    return grouped


def test_flags_become_examples_grouped_by_intent(catalogue):
    flags = [
        flag(1, "c combien la seance", "cost"),
        flag(2, "prix de toute la cure ?", "cost", "faq/cost_total"),
        flag(3, "j'ai du mal à respirer après l'injection", "escalation_urgent"),
        flag(4, "quel temps fait-il ?", "out_of_scope"),
        flag(5, "tarif séance meso", "cost"),
    ]
    exported = nlu_yaml(flags, catalogue, DAY)
    assert examples_by_intent(exported) == {
        "faq/cost": ["c combien la seance", "tarif séance meso"],
        "faq/cost_total": ["prix de toute la cure ?"],
        "escalation_urgent": ["j'ai du mal à respirer après l'injection"],
        "out_of_scope": ["quel temps fait-il ?"],
    }
    assert exported.startswith("# Questions signalées")
    assert "À RELIRE avant de les ajouter à data/" in exported
    assert "2026-03-14" in exported


def test_a_guessed_faq_intent_names_the_answers_to_choose_from(catalogue):
    # No answer is called faq/session: the reviewer must pick one of the session answers.
    exported = nlu_yaml([flag(1, "ça se passe comment une séance", "session")], catalogue, DAY)
    assert examples_by_intent(exported) == {"faq/session": ["ça se passe comment une séance"]}
    assert "« faq/session » n'existe pas" in exported
    assert "faq/session_count" in exported


def test_smalltalk_without_a_chosen_intent_stays_commented_out(catalogue):
    exported = nlu_yaml(
        [flag(1, "bjr", "smalltalk"), flag(2, "merci bcp", "smalltalk", "thank")], catalogue, DAY
    )
    assert examples_by_intent(exported) == {"thank": ["merci bcp"]}
    assert "#     - bjr" in exported
    assert "INTENTION" in exported and "greet" in exported


def test_questions_are_cleaned_and_never_read_as_annotations(catalogue):
    flags = [
        flag(1, "  c'est   quoi\tla [meso](cost) ?\n", "what_is"),
        flag(2, "C'EST QUOI LA (MESO)(COST) ?", "what_is"),
        flag(3, "- # : { } | > « ça » ?", "what_is"),
    ]
    grouped = examples_by_intent(nlu_yaml(flags, catalogue, DAY))
    # The second is the first in capitals: kept once.
    assert grouped == {"faq/what_is": ["c'est quoi la (meso)(cost) ?", "- # : { } | > « ça » ?"]}
    assert not RasaYAMLReader().reads(nlu_yaml(flags, catalogue, DAY)).entity_examples


def test_no_flag_gives_a_valid_empty_file(catalogue):
    assert examples_by_intent(nlu_yaml([], catalogue, DAY)) == {}


@pytest.mark.parametrize(
    "topic, intent",
    [
        ("cost", "faq/cost"),
        ("escalation_doctor", "escalation_doctor"),
        ("out_of_scope", "out_of_scope"),
        ("smalltalk", None),
    ],
)
def test_default_intent_of_a_topic(topic, intent):
    assert default_intent(topic) == intent
