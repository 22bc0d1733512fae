"""The callback form: answers checked one by one, stored only with consent, or cancelled."""

from __future__ import annotations

import asyncio
import re

import pytest

from actions.callback_form import ActionCancelCallback, ActionSubmitCallback, ValidateCallbackForm
from bot.callbacks.form_answers import MAX_REASON_CHARS, PROBLEMS
from bot.callbacks.phone import INVALID_PHONE_MESSAGE
from bot.settings import load_settings
from bot.storage.callbacks import list_callbacks, pending_notifications
from tests.support.form_events import assert_form_stopped_and_forgotten, assert_slots_forgotten
from tests.support.webhook_receiver import closed_port_url

FILLED_FORM = {
    "first_name": "Sophie",
    "phone": "+33612345678",
    "time_slot": "demain matin",
    "callback_reason": "une question sur mon genou",
    "consent": True,
}


def validate(make_tracker, domain, dispatcher, text=None, **answers):
    """Runs the validation action as Rasa calls it: the new slot values follow the user message."""
    [value] = answers.values()
    text = text if text is not None else str(value)
    events = [{"event": "user", "text": text}] + [
        {"event": "slot", "name": slot, "value": value} for slot, value in answers.items()
    ]
    tracker = make_tracker(text, slots={**answers, "requested_slot": next(iter(answers))}, events=events,
                           active_loop="callback_form")
    result = asyncio.run(ValidateCallbackForm().run(dispatcher, tracker, domain))
    return {e["name"]: e["value"] for e in result if e["event"] == "slot"}


def test_a_valid_phone_is_stored_in_e164(make_tracker, domain, dispatcher):
    assert validate(make_tracker, domain, dispatcher, phone="06 12 34 56 78") == {"phone": "+33612345678"}
    assert dispatcher.messages == []


def test_a_bad_phone_gets_a_clear_message_and_is_asked_again(make_tracker, domain, dispatcher):
    assert validate(make_tracker, domain, dispatcher, phone="06 12 34") == {"phone": None}
    assert [m["text"] for m in dispatcher.messages] == [INVALID_PHONE_MESSAGE]


def test_a_belgian_clinic_reads_national_numbers_as_belgian(make_tracker, domain, dispatcher, monkeypatch):
    monkeypatch.setenv("CLINIC_COUNTRY", "BE")
    load_settings.cache_clear()
    assert validate(make_tracker, domain, dispatcher, phone="0470 12 34 56") == {"phone": "+32470123456"}


@pytest.mark.parametrize(
    ("slot", "typed", "expected"),
    [
        ("first_name", " sophie ", "Sophie"),
        ("first_name", "Sophie 2", None),
        ("time_slot", "  demain   matin ", "demain matin"),
        ("time_slot", "/help", None),
        ("callback_reason", "douleur au genou", "douleur au genou"),
        ("callback_reason", "a" * (MAX_REASON_CHARS + 1), None),
        ("callback_reason", "   ", None),
        ("consent", "ouais", True),
        ("consent", "nan", False),
        ("consent", "bof", None),
    ],
)
def test_each_answer_is_checked(make_tracker, domain, dispatcher, slot, typed, expected):
    assert validate(make_tracker, domain, dispatcher, **{slot: typed}) == {slot: expected}
    assert [m["text"] for m in dispatcher.messages] == ([] if expected is not None else [PROBLEMS[slot]])


@pytest.mark.parametrize(
    ("nlu_value", "text", "expected"),
    [
        (True, "/affirm", True),
        (False, "/deny", False),
        (True, "oui j'accepte", True),
        (True, "Julie", None),  # a stray word the NLU took for a yes is asked again
        (False, "Nadia", None),
        (True, "non je refuse", False),
    ],
)
def test_consent_read_by_the_nlu_must_match_the_words(make_tracker, domain, dispatcher, nlu_value, text, expected):
    assert validate(make_tracker, domain, dispatcher, text=text, consent=nlu_value) == {"consent": expected}


def submit(make_tracker, dispatcher, domain, **slots):
    tracker = make_tracker("oui", intent="affirm", slots={**FILLED_FORM, **slots})
    return asyncio.run(ActionSubmitCallback().run(dispatcher, tracker, domain))


def test_submit_stores_the_request_gives_its_reference_and_notifies_staff(
    make_tracker, dispatcher, domain, webhook_receiver
):
    events = submit(make_tracker, dispatcher, domain)
    [stored] = list_callbacks()
    assert (stored.conversation_id, stored.first_name, stored.phone_e164) == ("test-patient", "Sophie", "+33612345678")
    assert (stored.time_slot, stored.reason) == ("demain matin", "une question sur mon genou")
    [message] = dispatcher.messages
    assert re.search(r"Votre numéro de demande : RAP-\w{5}\.", message["text"])
    assert stored.reference in message["text"] and "+33 6 12 34 56 78" in message["text"]
    assert "appelez le 15" in message["text"]
    assert [p["reference"] for p in webhook_receiver.received] == [stored.reference]
    assert_slots_forgotten(events)


def test_submit_without_consent_stores_nothing(make_tracker, dispatcher, domain, webhook_receiver):
    events = submit(make_tracker, dispatcher, domain, consent=False)
    assert list_callbacks() == []
    assert webhook_receiver.received == []
    assert "je n'enregistre rien" in dispatcher.messages[0]["text"]
    assert_slots_forgotten(events)


def test_a_failed_notification_still_confirms_and_keeps_the_request(make_tracker, dispatcher, domain, monkeypatch):
    monkeypatch.setenv("CLINIC_NOTIFY_WEBHOOK_URL", closed_port_url())
    load_settings.cache_clear()
    submit(make_tracker, dispatcher, domain)
    [stored] = pending_notifications()
    assert stored.notify_attempts == 1
    assert stored.reference in dispatcher.messages[0]["text"]


def test_a_database_failure_is_told_to_the_patient_not_raised(make_tracker, dispatcher, domain, monkeypatch, tmp_path):
    unwritable = tmp_path / "file"
    unwritable.write_text("")
    monkeypatch.setenv("CLINIC_DATABASE_URL", f"sqlite:///{unwritable}/clinic.db")
    monkeypatch.setenv("CLINIC_PHONE", "01 23 45 67 89")
    load_settings.cache_clear()
    events = submit(make_tracker, dispatcher, domain)
    [message] = dispatcher.messages
    assert "problème technique" in message["text"] and "01 23 45 67 89" in message["text"]
    assert_slots_forgotten(events)


def test_cancel_stops_the_form_and_says_nothing_was_stored(make_tracker, dispatcher, domain):
    tracker = make_tracker("annuler", intent="cancel", slots={"first_name": "Sophie"}, active_loop="callback_form")
    events = ActionCancelCallback().run(dispatcher, tracker, domain)
    assert "je n'ai rien enregistré" in dispatcher.messages[0]["text"]
    assert list_callbacks() == []
    assert_form_stopped_and_forgotten(events)
