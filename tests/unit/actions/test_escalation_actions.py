"""action_emergency, action_doctor_question and action_offer_callback."""

from __future__ import annotations

import pytest

from actions.escalation import ActionDoctorQuestion, ActionEmergency, ActionOfferCallback
from bot.callbacks.form_answers import KEPT_AFTER_EMERGENCY, KEPT_AS_REASON
from bot.settings import load_settings

CALLBACK_PAYLOADS = ["/request_callback", "/deny"]
FAQ_RESPONSES = {
    "utter_faq/contraindications": [
        {
            "text": "Certaines situations empêchent la mésothérapie.",
            "metadata": {"topic": "contraindications", "title": "Les contre-indications", "sources": [{"id": "ssbm"}]},
        }
    ],
    "utter_faq/cost": [
        {"text": "Le prix varie.", "metadata": {"topic": "cost", "title": "Le prix", "sources": [{"id": "ssbm"}]}}
    ],
}


@pytest.fixture
def clinic(monkeypatch):
    def configure(**fields):
        for name, value in fields.items():
            monkeypatch.setenv(f"CLINIC_{name.upper()}", value)
        load_settings.cache_clear()

    return configure


def selector(*ranking):
    return {"faq": {"ranking": [{"intent_response_key": key, "confidence": c} for key, c in ranking]}}


def test_emergency_gives_french_numbers_only(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        "j'ai 40 de fievre et du pus", intent="escalation_urgent",
        red_flag={"rule": "fever", "category": "urgent", "matched": "40 de fievre"},
    )
    events = ActionEmergency().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["topic"] == "escalation_urgent"
    assert message["text"].startswith("Cela peut être une urgence. Appelez maintenant le 15 (SAMU) ou le 112.")
    assert "3114" not in message["text"]
    assert not message["buttons"] and "sources" not in message
    assert events == []


def test_emergency_during_a_callback_request_gives_the_numbers_first_and_keeps_the_request(
    dispatcher, make_tracker, domain
):
    tracker = make_tracker(
        "attendez ma gorge se serre", intent="escalation_urgent", active_loop="callback_form",
        slots={"requested_slot": "phone", "first_name": "Julie"},
    )
    events = ActionEmergency().run(dispatcher, tracker, domain)
    emergency, kept = dispatcher.messages
    assert emergency["text"].startswith("Cela peut être une urgence. Appelez maintenant le 15")
    assert kept["text"] == KEPT_AFTER_EMERGENCY
    # No ActiveLoop(None), no slot cleared: the rule runs the form again, which asks its question again.
    assert events == []


def test_a_symptom_given_as_the_reason_for_the_call_becomes_that_reason(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        "douleur au genou depuis la seance", intent="escalation_urgent", active_loop="callback_form",
        slots={"requested_slot": "callback_reason"},
    )
    events = ActionEmergency().run(dispatcher, tracker, domain)
    emergency, kept = dispatcher.messages
    assert emergency["text"].startswith("Cela peut être une urgence.") and kept["text"] == KEPT_AS_REASON
    assert events == [{"event": "slot", "timestamp": None, "name": "callback_reason",
                       "value": "douleur au genou depuis la seance"}]


def test_a_message_too_long_to_be_the_reason_leaves_the_reason_to_be_asked_again(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        "j'ai du mal a respirer " * 40, intent="escalation_urgent", active_loop="callback_form",
        slots={"requested_slot": "callback_reason"},
    )
    assert ActionEmergency().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages[1]["text"] == KEPT_AFTER_EMERGENCY


def test_emergency_about_suicide_adds_3114(dispatcher, make_tracker, domain):
    tracker = make_tracker("je n'en peux plus", intent="escalation_urgent",
                           red_flag={"rule": "suicide", "category": "suicide", "matched": "n'en peux plus"})
    ActionEmergency().run(dispatcher, tracker, domain)
    assert "3114" in dispatcher.messages[0]["text"]


def test_emergency_recognises_suicide_from_the_text_alone(dispatcher, make_tracker, domain, clinic):
    clinic(country="BE")
    ActionEmergency().run(dispatcher, make_tracker("jveux me suicider", intent="escalation_urgent"), domain)
    text = dispatcher.messages[0]["text"]
    assert "112" in text and "0800 32 123" in text
    assert "15 (SAMU)" not in text


def test_doctor_question_points_to_the_general_answer_when_confident(dispatcher, make_tracker, clinic):
    clinic(phone="01 23 45 67 89")
    tracker = make_tracker("j'ai un lupus, je peux en faire ?", intent="escalation_doctor",
                           response_selector=selector(("faq/contraindications", 0.9), ("faq/cost", 0.05)))
    ActionDoctorQuestion().run(dispatcher, tracker, {"responses": FAQ_RESPONSES})
    [message] = dispatcher.messages
    assert message["topic"] == "escalation_doctor"
    assert message["text"].startswith("Je ne peux pas répondre pour votre cas personnel")
    assert "« Les contre-indications »" in message["text"]
    assert "01 23 45 67 89" in message["text"]
    assert message["text"].endswith("\n" + message["source_line"])
    assert message["source_line"].startswith("Source : Article d'un praticien belge sur le site d'une société savante")
    assert [s["id"] for s in message["sources"]] == ["ssbm"]
    payloads = [b["payload"] for b in message["buttons"]]
    assert payloads == CALLBACK_PAYLOADS + ['/choose_faq{"faq_key":"faq/contraindications"}']


@pytest.mark.parametrize(
    "ranking",
    [
        (("faq/contraindications", 0.3), ("faq/cost", 0.25)),  # weak
        (("faq/contraindications", 0.5), ("faq/cost", 0.1)),  # enough for an FAQ answer, not for a pointer
        (),  # no FAQ ranking at all
    ],
)
def test_doctor_question_without_a_confident_answer_only_offers_the_doctor(dispatcher, make_tracker, ranking):
    tracker = make_tracker("c'est grave ?", intent="escalation_doctor", response_selector=selector(*ranking))
    ActionDoctorQuestion().run(dispatcher, tracker, {"responses": FAQ_RESPONSES})
    [message] = dispatcher.messages
    assert "Source" not in message["text"] and "sources" not in message
    assert [b["payload"] for b in message["buttons"]] == CALLBACK_PAYLOADS


def test_offer_callback_gives_the_clinic_phone_and_hours(dispatcher, make_tracker, domain, clinic):
    clinic(phone="01 23 45 67 89", opening_hours="du lundi au vendredi, de 9 h à 18 h")
    ActionOfferCallback().run(dispatcher, make_tracker("je veux parler a un humain", intent="request_human"), domain)
    [message] = dispatcher.messages
    assert message["topic"] == "escalation_doctor"
    assert "Voulez-vous qu'un médecin du cabinet vous rappelle ?" in message["text"]
    assert "01 23 45 67 89 (du lundi au vendredi, de 9 h à 18 h)" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == CALLBACK_PAYLOADS


def test_emergency_in_another_language_is_also_given_in_that_language(dispatcher, make_tracker, domain):
    tracker = make_tracker("I can't breathe after the injection", intent="escalation_urgent",
                           red_flag={"rule": "respiratory_en", "category": "urgent", "matched": "can't breathe"})
    ActionEmergency().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["text"].startswith("Cela peut être une urgence. Appelez maintenant le 15 (SAMU) ou le 112.")
    assert "Call 15 / 112 now" in message["text"] and "I only answer in French." in message["text"]


def test_a_symptom_since_the_session_gets_the_emergency_number_before_the_doctor(dispatcher, make_tracker):
    tracker = make_tracker("j'ai des démangeaisons depuis la séance", intent="escalation_doctor",
                           session_symptom="démangeaisons")
    ActionDoctorQuestion().run(dispatcher, tracker, {"responses": FAQ_RESPONSES})
    [message] = dispatcher.messages
    lead = message["text"].split("\n\n")[0]
    assert lead.startswith("Un signe apparu depuis une séance doit être vu par un médecin.")
    assert lead.endswith("appelez maintenant le 15 (SAMU) ou le 112.")
    assert "Je ne peux pas répondre pour votre cas personnel" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == CALLBACK_PAYLOADS
