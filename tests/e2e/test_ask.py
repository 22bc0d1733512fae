"""`python -m bot ask`: the trained model answers in-process, the way a patient sees it."""

from __future__ import annotations

import io
import json
import sys

import pytest

from bot.cli import main
from bot.knowledge.topics import EVALUATION_LABELS, REPLY_ONLY_TOPICS
from bot.paths import MODELS_DIR

pytestmark = pytest.mark.server

QUESTIONS = [
    "Est-ce que la mésothérapie fait mal ?",
    "est ce que la mesotherapie fait mal",
    "est ce que la mesoterapie fai mal ?",
    "Combien coûte une séance ?",
    "combien coute une seance",
    "",
    "<b>prix</b>",
    "\xff\xfe",
]


@pytest.fixture(scope="module")
def replies():
    if not list(MODELS_DIR.glob("*.tar.gz")):
        pytest.fail("Aucun modèle entraîné : lancez `make train`.")
    stdin = io.TextIOWrapper(io.BytesIO("\n".join(QUESTIONS).encode("utf-8") + b"\n\xff\xfe\xfa\n"))
    stdout = io.StringIO()
    saved = sys.stdin, sys.stdout
    sys.stdin, sys.stdout = stdin, stdout
    try:
        assert main(["ask", "-", "--json"]) == 0
    finally:
        sys.stdin, sys.stdout = saved
    return [json.loads(line) for line in stdout.getvalue().splitlines()]


def test_one_json_object_per_input_line(replies):
    assert len(replies) == len(QUESTIONS) + 1
    for reply in replies:
        assert {"text", "topic", "intent", "confidence", "sources"} <= set(reply)
        assert reply["topic"] in EVALUATION_LABELS | set(REPLY_ONLY_TOPICS) | {"bad_input"}


def test_same_answer_with_and_without_accents_and_with_a_typo(replies):
    accented, plain, typo = replies[0], replies[1], replies[2]
    assert accented["topic"] == "painful"
    assert plain["intent"] == accented["intent"] == typo["intent"]
    assert plain["text"] == accented["text"] == typo["text"]


def test_answers_cite_their_passages(replies):
    cost, cost_plain = replies[3], replies[4]
    assert cost["topic"] == "cost" and cost_plain["text"] == cost["text"]
    assert cost["sources"] and all(source["passages"] for source in cost["sources"])
    assert "Source" in cost["text"]


def test_bad_input_gets_an_explanation(replies):
    empty, html, binary = replies[5], replies[6], replies[8]
    assert "vide" in empty["text"]
    assert "HTML" in html["text"]
    assert binary["text"]  # undecodable bytes are answered, not a crash
