"""A rating as the widget sends it."""

VALID = {
    "sender": "web-0a1b2c",
    "answer_key": "faq/cost",
    "topic": "cost",
    "rating": "useful",
    "question": "combien coute une seance",
}
