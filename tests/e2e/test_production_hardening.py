"""Issue 13 on the served assistant (`python -m bot run`): what an attacker or a data-protection
officer would check from outside."""

from __future__ import annotations

import json
import socket
import stat
import urllib.error
import urllib.request

import pytest

from bot.storage.callbacks import list_callbacks

pytestmark = pytest.mark.server

NAME, PHONE, REASON = "Quentin", "06 98 76 54 32", "suivi de ma seance au genou gauche"


def call(url: str, method: str = "GET", body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


def says(bot, sender, message):
    return "\n".join(reply.get("text") or "" for reply in bot.send(sender, message))


def test_the_root_gives_no_version(running_bot):
    status, body, _ = call(running_bot.url + "/")
    assert status == 200 and "Rasa" not in body and "3.6" not in body


def test_issued_ids_are_served_and_other_channels_ids_refused(running_bot):
    status, body, _ = call(running_bot.url + "/chat/conversation", "POST", {})
    sender = json.loads(body)["sender"]
    assert status == 201 and sender.startswith("web-")
    assert says(running_bot, sender, "bonjour").startswith("Bonjour")
    for foreign in ("whatsapp:+33612345678", "123456789", "staff-try-0a1b2c"):
        status, body, _ = call(running_bot.url + "/webhooks/rest/webhook", "POST",
                               {"sender": foreign, "message": "bonjour"})
        assert status == 403 and "autre canal" in json.loads(body)["error"]


def test_no_cross_origin_access_unless_configured(running_bot):
    for origin in ("null", "https://evil.example"):
        _, _, headers = call(running_bot.url + "/webhooks/rest/webhook", "POST",
                             {"sender": "cors-1", "message": "bonjour"}, {"Origin": origin})
        assert headers.get("Access-Control-Allow-Origin") is None
        _, _, headers = call(running_bot.url + "/staff/api/session", headers={"Origin": origin})
        assert headers.get("Access-Control-Allow-Origin") is None


def test_a_huge_body_is_refused_before_being_read(running_bot):
    host, port = running_bot.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           b"Content-Length: 50000000\r\n\r\n{")
        assert connection.recv(100).startswith(b"HTTP/1.1 413")


def test_a_refused_form_leaves_no_personal_data_in_the_store_or_the_log(running_bot):
    sender = "refused-form-1"
    for answer in ("/request_callback", NAME, PHONE, "demain matin", REASON):
        says(running_bot, sender, answer)
    assert "n'enregistre rien" in says(running_bot, sender, "bien sûr que non")
    assert [r for r in list_callbacks(url=running_bot.env["CLINIC_DATABASE_URL"]) if r.conversation_id == sender] == []
    stored = json.dumps(running_bot.tracker(sender), ensure_ascii=False)
    log = (running_bot.workdir / "bot.log").read_text(errors="replace")
    for personal in (NAME, PHONE, "+33698765432", "698765432", REASON):
        assert personal not in stored
        assert personal not in log


def test_the_databases_are_private_to_the_service(running_bot):
    running_bot.post_json("/chat/rating", {"sender": "perm-1", "answer_key": "faq/cost", "topic": "cost",
                                           "rating": "useful"})
    for database in ("tracker.db", "clinic.db"):
        mode = stat.S_IMODE((running_bot.workdir / database).stat().st_mode)
        assert mode == 0o600, f"{database}: {oct(mode)}"
