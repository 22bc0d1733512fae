"""The widget's rating endpoint on the served assistant: stored for staff, bad requests refused."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Dict, Tuple

import pytest

from bot.storage.ratings import list_ratings
from tests.support.ratings import VALID


def post(url: str, data: bytes) -> Tuple[int, Dict[str, Any]]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.server
def test_the_endpoint_stores_a_valid_rating(running_bot: Any) -> None:
    body = {**VALID, "sender": "rating-endpoint-test"}
    assert post(running_bot.url + "/chat/rating", json.dumps(body).encode()) == (201, {"status": "ok"})
    stored = [
        (r.answer_key, r.topic, r.rating, r.question)
        for r in list_ratings(url=running_bot.env["CLINIC_DATABASE_URL"])
        if r.sender_id == "rating-endpoint-test"
    ]
    assert stored == [("faq/cost", "cost", "useful", VALID["question"])]


@pytest.mark.server
@pytest.mark.parametrize(
    ("data", "status", "message_start"),
    [
        (b"{pas du json", 400, "Requête invalide : JSON attendu"),
        (json.dumps({**VALID, "rating": "bof"}).encode(), 400, "Requête invalide : « rating »"),
        (json.dumps({**VALID, "question": "x" * 20_000}).encode(), 413, "Requête trop volumineuse"),
    ],
)
def test_the_endpoint_refuses_bad_requests_in_french(
    running_bot: Any, data: bytes, status: int, message_start: str
) -> None:
    code, body = post(running_bot.url + "/chat/rating", data)
    assert code == status
    assert body["error"].startswith(message_start)
