"""action_explain_bad_input and action_handle_fallback."""

from __future__ import annotations

import pytest

from actions.bad_input import ActionExplainBadInput
from actions.fallback import ActionHandleFallback
from bot.text.input_guard import EXPLANATIONS


@pytest.mark.parametrize("problem", sorted(EXPLANATIONS))
def test_bad_input_is_explained(dispatcher, make_tracker, domain, problem):
    tracker = make_tracker(intent="bad_input", entities=[{"entity": "input_problem", "value": problem}],
                           events=[user("bonjour"), bot("smalltalk"), user("")])
    ActionExplainBadInput().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["text"] == EXPLANATIONS[problem]
    assert message["buttons"] == [{"title": "Voir les sujets", "payload": "/help"}]


def user(text):
    return {"event": "user", "text": text}


def bot(topic):
    return {"event": "bot", "text": "...", "metadata": {"topic": topic}}


def test_first_misunderstanding_asks_to_rephrase(dispatcher, make_tracker, domain):
    tracker = make_tracker("blabla", intent="nlu_fallback", events=[user("bonjour"), bot("smalltalk"), user("blabla")])
    events = ActionHandleFallback().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["topic"] == "fallback"
    assert events[0]["value"] is False


def test_second_misunderstanding_in_a_row_offers_a_callback(dispatcher, make_tracker, domain):
    events = [user("blabla"), bot("fallback"), user("encore blabla")]
    tracker = make_tracker("encore blabla", intent="nlu_fallback", events=events)
    assert ActionHandleFallback().run(dispatcher, tracker, domain) == [
        {"event": "slot", "timestamp": None, "name": "callback_offered_after_fallback", "value": True}
    ]
    [offer] = dispatcher.messages
    assert offer["text"].startswith("Je n'arrive toujours pas à comprendre")
    assert offer["topic"] == "escalation_doctor"
    assert "/request_callback" in [b["payload"] for b in offer["buttons"]]
