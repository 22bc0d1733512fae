"""The compiled check of custom-action replies accepts and refuses exactly what Rasa's does."""

from __future__ import annotations

from typing import Any, Dict

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot.engine.action_response_check import use_compiled_check, validate_action_result

VALID: Dict[str, Any] = {
    "events": [{"event": "slot", "name": "callback_offered", "value": False, "timestamp": None}],
    "responses": [{"text": "La séance coûte 60 €.", "buttons": [], "custom": {}, "topic": "cost"}],
}
INVALID: Dict[str, Any] = {"events": [{"event": "slot", "name": 42}], "responses": []}


def rasa_check(result: Dict[str, Any]) -> str:
    try:
        RemoteAction("action_answer_faq", None)._validate_action_result(result)
    except jsonschema.ValidationError as error:
        return error.message
    return "valid"


def compiled_check(result: Dict[str, Any]) -> str:
    try:
        validate_action_result(RemoteAction("action_answer_faq", None), result)
    except jsonschema.ValidationError as error:
        return error.message
    return "valid"


@pytest.mark.parametrize("result", [VALID, INVALID, {"events": "not a list"}])
def test_the_compiled_check_says_what_rasa_says(result: Dict[str, Any]) -> None:
    assert compiled_check(result) == rasa_check(result)


def test_a_refused_reply_names_the_problem() -> None:
    assert compiled_check(INVALID).startswith("{'event': 'slot', 'name': 42} is not valid")


def test_installed_every_remote_action_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    use_compiled_check()
    assert RemoteAction._validate_action_result is validate_action_result
