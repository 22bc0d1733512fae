"""What an answer promises, the conversation keeps: a typed "oui" after a callback offer, and
the automated-assistant notice at first contact whatever the first message is."""

from __future__ import annotations

import yaml

from actions.escalation import ActionDoctorQuestion
from actions.faq import CALLBACK_OFFERED_SLOT, ActionAnswerFaq
from bot.knowledge.answers import CALLBACK_BUTTON
from bot.knowledge.first_contact import FIRST_CONTACT_NOTICE
from bot.paths import ROOT

EARLIER_TURN = [{"event": "user", "text": "bonjour"}, {"event": "bot", "text": "Bonjour !"}]


def selector(key: str, confidence: float = 0.95) -> dict:
    ranking = [{"intent_response_key": key, "confidence": confidence}]
    return {"faq": {"ranking": ranking, "response": ranking[0]}}


def answer(dispatcher, make_tracker, domain, key: str, events=None):
    tracker = make_tracker("question", response_selector=selector(key), events=events or EARLIER_TURN)
    events = ActionAnswerFaq().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    return message, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_an_answer_offering_a_callback_sets_the_slot_and_carries_the_button(dispatcher, make_tracker, domain):
    message, slots = answer(dispatcher, make_tracker, domain, "faq/contraindications_pregnancy_children")
    assert slots == {CALLBACK_OFFERED_SLOT: True}
    assert message["buttons"][0] == CALLBACK_BUTTON


def test_an_answer_without_an_offer_clears_the_slot(dispatcher, make_tracker, domain):
    _, slots = answer(dispatcher, make_tracker, domain, "faq/what_is_origin")
    assert slots == {CALLBACK_OFFERED_SLOT: False}


def test_a_typed_yes_after_the_offer_starts_the_callback_form():
    rules = yaml.safe_load((ROOT / "data" / "rules" / "callback.yml").read_text(encoding="utf-8"))["rules"]
    [rule] = [r for r in rules if r.get("condition") == [{"slot_was_set": [{CALLBACK_OFFERED_SLOT: True}]}]]
    assert rule["steps"] == [
        {"action": "action_answer_faq"},
        {"intent": "affirm"},
        {"action": "callback_form"},
        {"active_loop": "callback_form"},
    ]


def test_a_conversation_that_starts_with_a_question_is_told_who_answers(dispatcher, make_tracker, domain):
    message, _ = answer(dispatcher, make_tracker, domain, "faq/cost", events=[{"event": "user", "text": "prix ?"}])
    body, sources = message["text"].rsplit("\n", 1)
    assert body.endswith(FIRST_CONTACT_NOTICE) and sources == message["source_line"]


def test_the_notice_is_given_once(dispatcher, make_tracker, domain):
    message, _ = answer(dispatcher, make_tracker, domain, "faq/cost")
    assert FIRST_CONTACT_NOTICE not in message["text"]


def test_a_first_personal_question_is_told_who_answers_too(dispatcher, make_tracker, domain):
    tracker = make_tracker("je suis enceinte, je peux ?", intent="escalation_doctor")
    ActionDoctorQuestion().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert FIRST_CONTACT_NOTICE in message["text"]


def test_a_personal_question_says_when_to_worry_in_two_lines(dispatcher, make_tracker, domain):
    tracker = make_tracker("mon genou gonfle depuis la séance", intent="escalation_doctor", events=EARLIER_TURN)
    ActionDoctorQuestion().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    lines = message["text"].split("\n")
    assert any(line.startswith("Difficulté à respirer") and "15 ou 112" in line for line in lines)
    assert any(line.startswith("Fièvre, pus") and "le jour même" in line for line in lines)


def test_a_personal_question_naming_suicidal_thoughts_calmly_gives_the_prevention_number(
    dispatcher, make_tracker, domain
):
    tracker = make_tracker("j'ai fait une dépression avec des idées noires il y a dix ans, c'est fini, je peux ?",
                           intent="escalation_doctor", events=EARLIER_TURN)
    tracker.latest_message["suicidal_words"] = True
    ActionDoctorQuestion().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert "3114" in message["text"] and "Voulez-vous qu'un médecin du cabinet vous rappelle" in message["text"]


def test_replies_that_can_open_a_conversation_without_an_action_say_who_answers(domain):
    """A first message asking for the topics, or off-topic, is answered by a plain response."""
    for name in ("utter_greet", "utter_help", "utter_out_of_scope"):
        for variation in domain["responses"][name]:
            text = " ".join(variation["text"].split())
            assert "automatique" in text and "diagnostic" in text, name
