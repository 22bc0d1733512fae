"""Findings 6 and 7 of issue 13: request budgets, staff lockout, body limit, no banner, CORS."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from typing import Any, Dict, Optional, Tuple

import pytest

from bot.channels.rate_limits import Lockout, RateLimiter
from bot.channels.rest import PatientRestInput
from bot.channels.server_guard import ServerGuardInput
from bot.channels.staff import StaffConsoleInput
from bot.channels.widget import ChatWidgetInput
from bot.settings import ClinicSettings, SettingsError, load_settings, read_settings
from tests.support.channel_server import serving

STAFF_TOKEN = "t" * 40


def request(url: str, method: str = "POST", body: Any = None, headers: Optional[Dict[str, str]] = None
            ) -> Tuple[int, Any, Any]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})},
                                 method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setenv("CLINIC_ACCEPT_UNSIGNED_SENDERS", "true")
    monkeypatch.setenv("CLINIC_STAFF_TOKEN", STAFF_TOKEN)
    monkeypatch.setenv("CLINIC_LIMITS", json.dumps({
        "messages_per_conversation": 3, "requests_per_address": 8, "ratings_per_conversation": 2,
        "staff_failures_before_lockout": 3,
    }))
    load_settings.cache_clear()


def test_the_budgets_slide_with_time():
    now = [0.0]
    limiter = RateLimiter(2, 60, clock=lambda: now[0])
    assert [limiter.allow("a"), limiter.allow("a"), limiter.allow("a"), limiter.allow("b")] == [True, True, False, True]
    now[0] = 61
    assert limiter.allow("a")
    lockout = Lockout(2, 900, clock=lambda: now[0])
    lockout.failed("x")
    assert not lockout.locked("x")
    lockout.failed("x")
    assert lockout.locked("x")
    now[0] += 901
    assert not lockout.locked("x")


def test_one_conversation_then_one_address_get_a_french_429(small_limits):
    with serving([PatientRestInput()]) as (url, _):
        webhook = url + "/webhooks/rest/webhook"
        statuses = [request(webhook, body={"sender": "flood", "message": "x" * 1900})[0] for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        statuses = [request(webhook, body={"sender": f"p{i}", "message": "bonjour"})[0] for i in range(5)]
        assert statuses[-1] == 429
        status, body, headers = request(webhook, body={"sender": "new", "message": "bonjour"})
        assert status == 429 and "attendez une minute" in json.loads(body)["error"]
        assert headers["Retry-After"] == "60"


def test_ratings_have_a_budget_per_conversation(small_limits):
    rating = {"sender": "r1", "answer_key": "faq/cost", "topic": "cost", "rating": "useful"}
    with serving([ChatWidgetInput()]) as (url, _):
        statuses = [request(url + "/chat/rating", body=rating)[0] for _ in range(3)]
    # No model is loaded here: no answer is known yet, so none can be rated.
    assert statuses == [400, 400, 400]


def test_wrong_staff_tokens_lock_the_address_out_even_for_the_right_token(small_limits):
    with serving([StaffConsoleInput()]) as (url, _):
        api = url + "/staff/api/flags"
        wrong = [request(api, "GET", headers={"Authorization": "Bearer nope"})[0] for _ in range(3)]
        assert wrong == [401, 401, 401]
        status, body, _ = request(api, "GET", headers={"Authorization": f"Bearer {STAFF_TOKEN}"})
        assert status == 429 and "bloqué" in json.loads(body)["error"]


def test_a_short_staff_token_refuses_to_start_in_production(tmp_path, monkeypatch):
    settings_file = tmp_path / "clinic.yml"
    settings_file.write_text("production: true\nconversation_secret: '" + "c" * 40 + "'\n", encoding="utf-8")
    monkeypatch.setenv("CLINIC_STAFF_TOKEN", "short-token")
    with pytest.raises(SettingsError, match="32"):
        read_settings(settings_file)
    monkeypatch.setenv("CLINIC_STAFF_TOKEN", STAFF_TOKEN)
    assert read_settings(settings_file).staff_token == STAFF_TOKEN


def test_production_needs_a_conversation_secret_and_no_development_switch():
    with pytest.raises(ValueError):
        ClinicSettings(production=True)
    with pytest.raises(ValueError):
        ClinicSettings(production=True, conversation_secret="c" * 40, accept_unsigned_senders=True)


def rasa_like(origins):
    def configure(app):
        from rasa.server import add_root_route, configure_cors

        add_root_route(app)
        configure_cors(app, origins)

    return configure


def test_a_large_body_is_refused_before_it_is_read():
    with serving([PatientRestInput(), ServerGuardInput()], rasa_like(None)) as (url, _):
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=5) as connection:
            connection.sendall(
                b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 50000000\r\n\r\n{\"sender\":"
            )
            # Answered at once, with only a few bytes of the announced 50 MB sent.
            assert connection.recv(100).startswith(b"HTTP/1.1 413")


def test_the_root_shows_no_version():
    with serving([ServerGuardInput()], rasa_like(None)) as (url, _):
        status, body, _ = request(url + "/", "GET")
    assert status == 200 and "Rasa" not in body


def test_cors_only_for_configured_origins_and_never_for_the_staff_api(small_limits):
    site = "https://www.mon-cabinet.fr"
    with serving([PatientRestInput(), StaffConsoleInput()], rasa_like([site])) as (url, _):
        webhook, staff = url + "/webhooks/rest/webhook", url + "/staff/api/flags"
        _, _, allowed = request(webhook, body={"sender": "c1", "message": "x"}, headers={"Origin": site})
        _, _, evil = request(webhook, body={"sender": "c2", "message": "x"}, headers={"Origin": "null"})
        _, _, console = request(staff, "GET", headers={"Origin": site, "Authorization": f"Bearer {STAFF_TOKEN}"})
    assert allowed.get("Access-Control-Allow-Origin") == site
    assert evil.get("Access-Control-Allow-Origin") is None
    assert console.get("Access-Control-Allow-Origin") is None
