"""Answer ratings: what the widget's endpoint accepts, and how they are stored for staff."""

from __future__ import annotations

from typing import Any

import pytest

from bot.channels.widget import RatingRequest, parse_rating
from bot.storage.ratings import list_ratings, save_rating
from bot.text.input_guard import MAX_MESSAGE_CHARS
from tests.support.ratings import VALID


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
