"""Batch checks from the console: what staff may paste, and the figures and plots they get."""

from __future__ import annotations

import base64
import re

import pytest

from bot.engine.replies import Reply
from bot.evaluation.questions import Question, QuestionFileError
from bot.staff.batch import MAX_BATCH_QUESTIONS, batch_view, parse_batch
from tests.support.staff_api import run_async

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_pasted_lines_and_csv_files_are_both_read():
    assert parse_batch("prix ?\nça fait mal ?\n") == [Question("prix ?"), Question("ça fait mal ?")]
    assert parse_batch("text,topic\nprix ?,cost\n") == [Question("prix ?", "cost")]
    # A .csv file is read as CSV even when its header is missing: the error says so.
    with pytest.raises(QuestionFileError, match="Colonne « text » manquante"):
        parse_batch("prix ?,cost\n", filename="Questions.CSV")


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "Aucune question trouvée"),
        ("  \n ", "Aucune question trouvée"),
        ("text,topic\nprix,prices\n", "Sujets inconnus (ligne 2 : « prices »)"),
        ("a\x00b", "binaire"),
        ("question\n" * (MAX_BATCH_QUESTIONS + 1), f"Trop de questions ({MAX_BATCH_QUESTIONS + 1})"),
        ("x" * (MAX_BATCH_QUESTIONS * 2_000 + 1), "Le texte est trop long"),
    ],
)
def test_unusable_batches_get_the_french_message_to_show(content, message):
    with pytest.raises(QuestionFileError, match=re.escape(message)):
        parse_batch(content)


def reply(topic: str, confidence: float) -> Reply:
    return Reply(text=f"réponse {topic}", topic=topic, intent=f"faq/{topic}", confidence=confidence)


def test_a_labelled_batch_gives_accuracy_rows_and_both_plots():
    questions = [Question("prix ?", "cost"), Question("ça fait mal ?", "painful"), Question("tarif", "cost")]
    replies = [reply("cost", 0.9), reply("cost", 0.6), reply("clarify", 0.3)]
    view = run_async(batch_view(questions, replies))
    assert view["questions"] == 3
    assert view["accuracy"] == pytest.approx(1 / 3)
    assert [row["correct"] for row in view["rows"]] == [True, False, False]
    assert view["rows"][1]["expected_name"] == "Douleur des injections"
    assert view["rows"][2]["topic_name"].startswith("Question de précision")
    assert [m["text"] for m in view["misses"]] == ["ça fait mal ?", "tarif"]
    for plot in ("confusion_matrix", "confidence_histogram"):
        prefix, data = view[plot].split(",", 1)
        assert prefix == "data:image/png;base64"
        assert base64.b64decode(data).startswith(PNG_SIGNATURE)


def test_an_unlabelled_batch_has_no_accuracy_and_no_confusion_matrix():
    view = run_async(batch_view([Question("prix ?")], [reply("cost", 0.9)]))
    assert (view["accuracy"], view["confusion_matrix"]) == (None, None)
    assert view["rows"][0]["correct"] is None
    assert view["confidence_histogram"].startswith("data:image/png;base64,")
