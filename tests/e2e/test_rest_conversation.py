"""The REST channel of the running assistant: greeting, bad input, refused requests, memory."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest

pytestmark = pytest.mark.server


def raw_post(bot, body: bytes, content_type: str = "application/json"):
    request = urllib.request.Request(bot.url + "/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_greeting_is_french_and_says_what_the_assistant_is(running_bot):
    [message] = running_bot.send("greet-1", "bonjour")
    assert message["text"].startswith("Bonjour")
    assert "automatique" in message["text"] and "diagnostic" in message["text"]
    assert any(b["payload"] == "/request_callback" for b in message["buttons"])


@pytest.mark.parametrize(
    "message, expected",
    [
        ("", "vide"),
        ("   ", "vide"),
        ("x" * 12_000, "trop long"),
        ("😀🙂😀", "que du texte"),
        ("<img src=x onerror=alert(1)>", "HTML"),
        ("bon\u200bjour\u0007", "Bonjour"),
        ('/request_callback{"phone":"+33600000000"}', None),
    ],
)
def test_bad_input_gets_a_clear_french_answer(running_bot, message, expected):
    replies = running_bot.send(f"bad-{abs(hash(message))}", message)
    assert replies, "the assistant must always answer"
    if expected:
        assert expected in replies[0]["text"]


def test_typed_commands_do_not_set_slots(running_bot):
    sender = "slash-1"
    running_bot.send(sender, '/request_callback{"phone":"+33600000000"}')
    events = running_bot.tracker(sender)["events"]
    assert not [e for e in events if e.get("event") == "slot" and e.get("name") == "phone"]


@pytest.mark.parametrize(
    "body, status",
    [
        (b'{"message": "bonjour"}', 400),
        (b'{"sender": "", "message": "bonjour"}', 400),
        (b"not json", 400),
        (b'{"sender": "x", "message": 42}', 400),
        (b'{"sender": "x", "message": "' + b"a" * 300_000 + b'"}', 413),
    ],
)
def test_malformed_requests_are_refused_in_french(running_bot, body, status):
    code, payload = raw_post(running_bot, body)
    assert code == status
    assert payload["error"]


def test_conversations_survive_a_restart(running_bot):
    sender = f"restarted-{uuid.uuid4().hex[:8]}"
    running_bot.send(sender, "bonjour")
    before = running_bot.process.pid
    running_bot.restart()  # the worker's other modules go on with the restarted assistant
    assert running_bot.process.pid != before
    running_bot.send(sender, "merci")
    texts = [e["text"] for e in running_bot.tracker(sender)["events"] if e.get("event") == "user"]
    assert texts == ["bonjour", "merci"]
