"""Findings 2 and 7 of issue 13: only a clear yes stores; answers are bounded and checked twice."""

from __future__ import annotations

import asyncio

import pytest

from actions.callback_form import ActionSubmitCallback, ValidateCallbackForm
from bot.callbacks.form_answers import checked_answers, clean_first_name, clean_text, explicit_consent
from bot.storage.callbacks import list_callbacks

REFUSALS = [
    "bien sûr que non", "absolument pas", "ok je refuse", "carrément pas", "d'accord mais en fait non", "oui non",
]
VALID = {
    "first_name": "Sophie", "phone": "+33612345678", "time_slot": "demain matin",
    "callback_reason": "une question", "consent": True,
}


@pytest.mark.parametrize("text", REFUSALS)
def test_a_refusal_is_never_consent_even_when_the_model_reads_a_yes(text):
    assert explicit_consent(True, text) is False


@pytest.mark.parametrize("text", REFUSALS)
def test_the_form_stores_nothing_after_a_refusal(make_tracker, domain, dispatcher, text):
    events = [{"event": "user", "text": text}, {"event": "slot", "name": "consent", "value": True}]
    tracker = make_tracker(text, intent="affirm", slots={**VALID, "requested_slot": "consent"}, events=events,
                           active_loop="callback_form")
    validated = asyncio.run(ValidateCallbackForm().run(dispatcher, tracker, domain))
    consent = [e["value"] for e in validated if e["event"] == "slot" and e["name"] == "consent"]
    assert consent == [False]
    submit_tracker = make_tracker(text, intent="affirm", slots={**VALID, "consent": consent[0]})
    asyncio.run(ActionSubmitCallback().run(dispatcher, submit_tracker, domain))
    assert list_callbacks() == []


@pytest.mark.parametrize(("payload", "expected"), [("/affirm", True), ("/deny", False)])
def test_the_buttons_payloads_decide(payload, expected):
    assert explicit_consent(expected, payload) is expected


@pytest.mark.parametrize("text", ["oui", "combien ça coûte", "Ok", "c'est quoi ?", "bonjour"])
def test_words_that_are_not_first_names_are_refused(text):
    assert clean_first_name(text) is None


def test_right_to_left_overrides_are_dropped_from_answers():
    assert clean_first_name("Sophie\u202e") == "Sophie"
    assert clean_text("demain\u202emidi", 150) == "demainmidi"


@pytest.mark.parametrize(
    "changes",
    [
        {"first_name": "N" * 5000},
        {"phone": '=HYPERLINK("http://x")'},
        {"phone": "06 12 34 56 78"},  # a value the form would have normalised was never validated
        {"callback_reason": "r" * 100_000},
        {"time_slot": None},
        {"consent": "oui"},
    ],
)
def test_answers_are_checked_again_before_storing(changes):
    assert checked_answers(VALID, "FR") is not None
    assert checked_answers({**VALID, **changes}, "FR") is None


def test_submit_refuses_answers_the_form_would_not_accept(make_tracker, domain, dispatcher):
    tracker = make_tracker("oui", intent="affirm", slots={**VALID, "first_name": "N" * 5000})
    asyncio.run(ActionSubmitCallback().run(dispatcher, tracker, domain))
    assert list_callbacks() == []
    assert "problème technique" in dispatcher.messages[0]["text"]
