"""Finding 5 of issue 13: the REST channel only serves conversation ids the server issued."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Dict, Tuple

import pytest

from bot.channels.rest import PatientRestInput
from bot.channels.sender_ids import FOREIGN, NOT_ISSUED, issue, sender_problem, signature
from bot.channels.widget import ChatWidgetInput
from bot.settings import ClinicSettings, load_settings
from tests.support.channel_server import serving

SECRET = "c" * 40
FOREIGN_IDS = ["whatsapp:+33612345678", "+33612345678", "123456789", "-100123", "staff-try-0a1b", "telegram-1",
               "facebook_42", "local-abc"]


def post(url: str, path: str, body: Any) -> Tuple[int, Dict[str, Any]]:
    request = urllib.request.Request(url + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def settings(monkeypatch) -> ClinicSettings:
    monkeypatch.setenv("CLINIC_CONVERSATION_SECRET", SECRET)
    load_settings.cache_clear()
    return load_settings()


def test_an_issued_id_is_accepted_and_a_forged_one_is_not(settings):
    sender = issue(settings)
    assert sender_problem(sender, settings) is None
    assert sender_problem(sender[:-1] + ("0" if sender[-1] != "0" else "1"), settings) == NOT_ISSUED
    signed_elsewhere = "web-" + "a" * 32 + "." + signature("a" * 32, b"another server's secret")
    assert sender_problem(signed_elsewhere, settings) == NOT_ISSUED


@pytest.mark.parametrize("sender", FOREIGN_IDS)
def test_other_channels_ids_are_refused_even_with_the_development_switch(sender):
    assert sender_problem(sender, ClinicSettings(accept_unsigned_senders=True)) == FOREIGN


def test_the_development_switch_lets_curl_examples_name_their_conversation():
    assert sender_problem("t1", ClinicSettings(accept_unsigned_senders=True)) is None
    assert sender_problem("t1", ClinicSettings()) == NOT_ISSUED


@pytest.mark.parametrize("sender", ["abc\n", "a b", "x" * 129, "", 42])
def test_malformed_ids_are_refused_whole(sender):
    assert sender_problem(sender, ClinicSettings(accept_unsigned_senders=True)) is not None


def test_a_second_client_cannot_take_over_a_conversation(settings):
    with serving([PatientRestInput(), ChatWidgetInput()]) as (url, recorder):
        status, issued = post(url, "/chat/conversation", {})
        assert status == 201
        assert post(url, "/webhooks/rest/webhook", {"sender": issued["sender"], "message": "Sophie"})[0] == 200
        for foreign in ["whatsapp:+33612345678", "staff-try-1", "web-" + "0" * 32 + "." + "0" * 32]:
            status, body = post(url, "/webhooks/rest/webhook", {"sender": foreign, "message": "et alors ?"})
            assert status == 403 and body["error"]
        assert [m.sender_id for m in recorder.messages] == [issued["sender"]]
