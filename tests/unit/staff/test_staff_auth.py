"""Who may use the staff console: the token check, and the routes it guards."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Optional

import pytest

from bot.settings import load_settings
from bot.staff.api import refusal
from bot.staff.auth import DISABLED_MESSAGE, REFUSED_MESSAGE, access_refused, presented_token, token_matches
from tests.support.staff_api import API_ROUTES, registered_api_routes


@pytest.mark.parametrize(
    "header, token",
    [
        ("Bearer s3cret", "s3cret"),
        ("bearer   s3cret  ", "s3cret"),
        ("Basic s3cret", None),
        ("Bearer", None),
        ("Bearer    ", None),
        ("s3cret", None),
        ("", None),
        (None, None),
    ],
)
def test_the_token_comes_from_a_bearer_header(header, token):
    assert presented_token(header) == token


def test_only_the_exact_token_matches():
    assert token_matches("s3cret", "s3cret")
    assert not token_matches("s3cre", "s3cret")
    assert not token_matches("s3cret ", "s3cret")
    assert not token_matches("S3CRET", "s3cret")
    assert not token_matches("jéton", "jeton")
    assert not token_matches(None, "s3cret")
    assert not token_matches("", "")


def test_the_right_token_opens_the_console():
    assert access_refused("Bearer s3cret", "s3cret") is None
    # A token pasted into the settings with a stray newline still works.
    assert access_refused("Bearer s3cret", "s3cret\n") is None


@pytest.mark.parametrize("header", [None, "", "Bearer wrong", "Basic s3cret", "s3cret"])
def test_a_missing_or_wrong_token_is_refused(header):
    refused = access_refused(header, "s3cret")
    assert (refused.status, refused.message) == (401, REFUSED_MESSAGE)


@pytest.mark.parametrize("staff_token", ["", "   "])
def test_without_a_configured_token_the_console_is_closed_and_says_how_to_open_it(staff_token):
    refused = access_refused("Bearer anything", staff_token)
    assert refused.status == 503
    assert refused.message == DISABLED_MESSAGE
    assert "CLINIC_STAFF_TOKEN" in refused.message


def test_the_server_tests_cover_every_api_route():
    # A new API route must be added to API_ROUTES, so that its 401 is checked on the server.
    assert registered_api_routes() == sorted(API_ROUTES)


def api_request(path: str, authorization: Optional[str] = None) -> SimpleNamespace:
    headers = {"authorization": authorization} if authorization else {}
    return SimpleNamespace(path=path, headers=headers)


@pytest.fixture
def staff_token(monkeypatch: pytest.MonkeyPatch):
    def set_token(value: str) -> None:
        monkeypatch.setenv("CLINIC_STAFF_TOKEN", value)
        load_settings.cache_clear()

    return set_token


def test_an_unset_token_closes_every_api_route_with_a_503_saying_what_to_set(staff_token):
    staff_token("")
    refused = refusal(api_request("/staff/api/callbacks", "Bearer anything"), "/staff/api/")
    assert refused.status == 503
    assert "CLINIC_STAFF_TOKEN" in json.loads(refused.body)["error"]
    assert refused.headers["Cache-Control"] == "no-store"


def test_the_guard_answers_401_with_a_bearer_challenge_and_lets_the_right_token_through(staff_token):
    staff_token("s3cret")
    refused = refusal(api_request("/staff/api/flags", "Bearer nope"), "/staff/api/")
    assert (refused.status, json.loads(refused.body)) == (401, {"error": REFUSED_MESSAGE})
    assert refused.headers["WWW-Authenticate"] == "Bearer"
    assert refusal(api_request("/staff/api/flags", "Bearer s3cret"), "/staff/api/") is None


def test_the_login_page_and_its_files_need_no_token(staff_token):
    staff_token("s3cret")
    for path in ("/staff/", "/staff/staff.js", "/staff/staff.css"):
        assert refusal(api_request(path), "/staff/api/") is None
