"""Wrong answers flagged by staff: the checks on a report, and how it is stored."""

from __future__ import annotations

from datetime import timezone

import pytest

from bot.staff.catalogue import load_catalogue
from bot.staff.flag_form import parse_flag
from bot.storage.flags import delete_flag, list_flags, save_flag

REPORT = {
    "question": "  combien coûte une séance ?  ",
    "answer_text": "Désolé, je ne peux pas vous aider sur ce point.",
    "answer_topic": "out_of_scope",
    "answer_intent": "out_of_scope",
    "expected_topic": "cost",
    "expected_answer_key": "faq/cost",
    "comment": "la patiente demandait un prix",
}


def store(question: str, expected_topic: str = "cost", **fields) -> int:
    values = {
        "answer_text": "réponse",
        "answer_topic": "fallback",
        "answer_intent": "nlu_fallback",
        "model_version": "20260101-000000-model.tar.gz",
        **fields,
    }
    return save_flag(question=question, expected_topic=expected_topic, **values).id


def test_a_flag_is_kept_with_everything_staff_need_newest_first():
    store("première question", comment="trop vague")
    store("deuxième question", expected_topic="session", expected_answer_key="faq/session_count")
    flags = list_flags()
    assert [f.question for f in flags] == ["deuxième question", "première question"]
    newest, oldest = flags
    assert (newest.expected_topic, newest.expected_answer_key, newest.comment) == (
        "session",
        "faq/session_count",
        "",
    )
    assert (oldest.answer_topic, oldest.answer_intent, oldest.comment) == (
        "fallback",
        "nlu_fallback",
        "trop vague",
    )
    assert oldest.model_version == "20260101-000000-model.tar.gz"
    assert newest.created_at_utc.tzinfo == timezone.utc
    assert newest.created_at_utc >= oldest.created_at_utc


def test_a_handled_flag_can_be_deleted_once():
    kept, handled = store("gardée"), store("traitée")
    assert delete_flag(handled) is True
    assert delete_flag(handled) is False
    assert [f.id for f in list_flags()] == [kept]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_a_complete_report_is_accepted_and_tidied(catalogue):
    form, problem = parse_flag(REPORT, catalogue)
    assert problem is None
    assert form.question == "combien coûte une séance ?"
    assert (form.expected_topic, form.expected_answer_key) == ("cost", "faq/cost")


def test_the_expected_answer_is_optional(catalogue):
    form, problem = parse_flag({**REPORT, "expected_answer_key": None, "comment": None}, catalogue)
    assert problem is None
    assert (form.expected_answer_key, form.comment) == (None, "")


@pytest.mark.parametrize(
    "change, message",
    [
        ({"question": "   "}, "La question est obligatoire"),
        ({"question": "x" * 2001}, "La question est obligatoire"),
        ({"question": 12}, "La question est obligatoire"),
        ({"expected_topic": "prices"}, "Choisissez le sujet attendu"),
        ({"expected_topic": "clarify"}, "Choisissez le sujet attendu"),
        ({"expected_answer_key": "faq/hair"}, "n'appartient pas au sujet attendu"),
        ({"expected_answer_key": "faq/unknown"}, "n'appartient pas au sujet attendu"),
        ({"answer_text": ["liste"]}, "Réponse donnée illisible"),
        ({"comment": "x" * 2001}, "Le commentaire est trop long"),
    ],
)
def test_a_bad_report_gets_a_french_message(catalogue, change, message):
    form, problem = parse_flag({**REPORT, **change}, catalogue)
    assert form is None
    assert message in problem


def test_a_report_that_is_not_an_object_is_refused(catalogue):
    assert parse_flag(["question"], catalogue) == (None, "Requête invalide : JSON attendu.")
