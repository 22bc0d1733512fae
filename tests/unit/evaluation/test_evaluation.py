"""Reading question files, scoring replies and writing the report (no model needed)."""

from __future__ import annotations

import json

import pytest

from bot.engine.replies import Reply
from bot.evaluation.questions import Question, QuestionFileError, parse_questions, read_question_file
from bot.evaluation.report import write_report
from bot.evaluation.scoring import run_questions


def test_csv_with_topics():
    questions = parse_questions('text,topic\n"ça coûte, combien ?",cost\nça fait mal,painful\n')
    assert questions == [Question("ça coûte, combien ?", "cost"), Question("ça fait mal", "painful")]


def test_semicolon_csv_from_a_french_spreadsheet():
    assert parse_questions("text;topic\nprix ?;cost\n") == [Question("prix ?", "cost")]


def test_one_question_a_line_without_header():
    assert parse_questions("prix ?\n\n  ça fait mal  \n") == [Question("prix ?"), Question("ça fait mal")]


@pytest.mark.parametrize(
    "content, message",
    [
        ("question,topic\nprix,cost\n", "Colonne « text » manquante"),
        ("text,topic\nprix,prices\n", "Sujets inconnus"),
        ("text,topic\n", "Aucune question"),
        ("", "Aucune question"),
        ("a\x00b", "binaire"),
    ],
)
def test_bad_files_get_a_clear_message(content, message):
    with pytest.raises(QuestionFileError, match=message):
        parse_questions(content, is_csv=True if content.startswith(("question", "text")) else None)


def test_unreadable_files(tmp_path):
    with pytest.raises(QuestionFileError, match="introuvable"):
        read_question_file(tmp_path / "absent.csv")
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("text,topic\nséance,session\n".encode("latin-1"))
    with pytest.raises(QuestionFileError, match="UTF-8"):
        read_question_file(latin1)


def fake_reply(topic: str, confidence: float) -> Reply:
    return Reply(text="...", topic=topic, intent=f"faq/{topic}", confidence=confidence)


def test_scores_and_report(tmp_path):
    questions = [Question("a", "cost"), Question("b", "cost"), Question("c", "painful"), Question("d", "painful")]
    answers = {"a": ("cost", 0.9), "b": ("clarify", 0.3), "c": ("painful", 0.8), "d": ("cost", 0.6)}

    evaluation = run_questions(questions, lambda texts: (fake_reply(*answers[t]) for t in texts))

    assert evaluation.accuracy == 0.5
    assert evaluation.clarifications == 1
    assert [o.question.text for o in evaluation.misses] == ["b", "d"]
    scores = {s.topic: s for s in evaluation.scores}
    assert scores["cost"].precision == 0.5 and scores["cost"].recall == 0.5
    assert scores["painful"].precision == 1.0 and scores["painful"].recall == 0.5
    assert evaluation.labels == ["cost", "painful", "clarify"]
    assert evaluation.matrix == [[1, 0, 1], [1, 1, 0]]

    index = write_report(evaluation, tmp_path / "report", "model.tar.gz", "questions.csv")
    html = index.read_text(encoding="utf-8")
    assert "50.0 %" in html and "confusion_matrix.png" in html
    for image in ("confusion_matrix.png", "confidence_histogram.png"):
        assert (tmp_path / "report" / image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    summary = json.loads((tmp_path / "report" / "summary.json").read_text(encoding="utf-8"))
    assert summary["accuracy"] == 0.5 and len(summary["misses"]) == 2


def test_report_escapes_question_text(tmp_path):
    evaluation = run_questions([Question("<script>x</script>", "cost")],
                               lambda texts: (fake_reply("cost", 0.9) for _ in texts))
    html = write_report(evaluation, tmp_path, "m", "q.csv").read_text(encoding="utf-8")
    assert "<script>x" not in html and "&lt;script&gt;" in html


def test_accepted_topics_and_fallback_for_out_of_scope_count_as_right():
    questions = parse_questions(
        "text,topic,accept\nrisques ?,side_effects,contraindications\nbotox ?,out_of_scope,\n"
        "prix ?,cost,\n"
    )
    answers = {"risques ?": fake_reply("contraindications", 0.9), "botox ?": fake_reply("fallback", 0.1),
               "prix ?": fake_reply("reimbursement", 0.8)}
    evaluation = run_questions(questions, lambda texts: (answers[t] for t in texts))
    assert [o.correct for o in evaluation.outcomes] == [True, True, False]
    # An accepted answer counts under the expected topic in the per-topic scores.
    assert {s.topic: s.recall for s in evaluation.scores}["side_effects"] == 1.0


def test_unknown_accepted_topic_is_refused():
    with pytest.raises(QuestionFileError, match="prices"):
        parse_questions("text,topic,accept\nprix ?,cost,prices\n")


def test_questions_back_are_counted_with_their_first_proposal():
    questions = [Question("a", "cost"), Question("b", "cost")]
    replies = {"a": Reply("?", "clarify", "faq", 0.3, candidates=["cost", "reimbursement"]),
               "b": Reply("?", "clarify", "faq", 0.3, candidates=["painful", "cost"])}
    evaluation = run_questions(questions, lambda texts: (replies[t] for t in texts))
    assert evaluation.clarifications == 2
    assert evaluation.clarifications_right_first == 1


def test_minimum_accuracy_for_all_files_or_one(tmp_path):
    from bot.commands.evaluate import minimum_accuracies

    dev, heldout = tmp_path / "dev.csv", tmp_path / "heldout.csv"
    assert minimum_accuracies(["0.9", "dev.csv=0.87"], [dev, heldout]) == {dev: 0.87, heldout: 0.9}
    with pytest.raises(QuestionFileError, match="other.csv"):
        minimum_accuracies(["other.csv=0.5"], [dev])
    with pytest.raises(QuestionFileError, match="Seuil illisible"):
        minimum_accuracies(["dev.csv=beaucoup"], [dev])


def test_baseline_is_trained_on_the_project_data_and_scored_like_the_assistant():
    from bot.evaluation.baseline import baseline_accuracy

    questions = [Question("combien coûte une séance de mésothérapie ?", "cost"),
                 Question("est-ce que la mésothérapie fait mal ?", "painful")]
    assert baseline_accuracy(questions) == 1.0
