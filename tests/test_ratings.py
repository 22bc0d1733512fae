"""Answer ratings: what the widget's endpoint accepts, and how they are stored for staff."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Dict, Tuple

import pytest

from bot.channels.widget import RatingRequest, parse_rating
from bot.input_guard import MAX_MESSAGE_CHARS
from bot.storage.ratings import list_ratings, save_rating

VALID = {
    "sender": "web-0a1b2c",
    "answer_key": "faq/cost",
    "topic": "cost",
    "rating": "useful",
    "question": "combien coute une seance",
}


def test_a_complete_rating_is_accepted() -> None:
    assert parse_rating(VALID) == (RatingRequest("web-0a1b2c", "faq/cost", "cost", "useful", VALID["question"]), None)


def test_the_question_is_optional_and_a_long_one_is_cut_rather_than_refused() -> None:
    without_question = {key: value for key, value in VALID.items() if key != "question"}
    assert parse_rating(without_question)[0].question is None
    rating, problem = parse_rating({**VALID, "question": "x" * (MAX_MESSAGE_CHARS + 50)})
    assert problem is None
    assert rating.question == "x" * MAX_MESSAGE_CHARS


@pytest.mark.parametrize(
    ("body", "named_field"),
    [
        (None, "JSON attendu"),
        (["useful"], "JSON attendu"),
        ({**VALID, "sender": ""}, "« sender »"),
        ({**VALID, "sender": "un espace"}, "« sender »"),
        ({**VALID, "answer_key": None}, "« answer_key »"),
        ({**VALID, "answer_key": "faq/<script>"}, "« answer_key »"),
        ({**VALID, "answer_key": "faq/" + "a" * 130}, "« answer_key »"),
        ({**VALID, "topic": 3}, "« topic »"),
        ({**VALID, "topic": ""}, "« topic »"),
        ({**VALID, "rating": "bof"}, "« rating »"),
        ({**VALID, "rating": None}, "« rating »"),
        ({**VALID, "question": ["pourquoi"]}, "« question »"),
    ],
)
def test_a_bad_rating_gets_a_french_message_naming_the_field(body: Any, named_field: str) -> None:
    rating, problem = parse_rating(body)
    assert rating is None
    assert problem.startswith("Requête invalide")
    assert named_field in problem


def test_ratings_are_stored_and_listed_newest_first() -> None:
    save_rating("web-1", "faq/cost", "cost", "useful", "combien ?")
    save_rating("web-2", "faq/painful", "painful", "not_useful")
    listed = [(r.sender_id, r.answer_key, r.topic, r.rating, r.question) for r in list_ratings()]
    assert listed == [
        ("web-2", "faq/painful", "painful", "not_useful", None),
        ("web-1", "faq/cost", "cost", "useful", "combien ?"),
    ]
    assert [r.sender_id for r in list_ratings(limit=1)] == ["web-2"]


def test_an_unknown_rating_value_is_never_stored() -> None:
    with pytest.raises(ValueError):
        save_rating("web-1", "faq/cost", "cost", "excellent")
    assert list_ratings() == []


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
