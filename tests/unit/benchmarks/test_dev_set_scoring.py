"""The benchmark scores both models' parses the way the dev set's README says."""

from __future__ import annotations

from pathlib import Path

from benchmarks.dev_set import DevQuestion, accuracy, parsed_topic, read_dev_set

TOPIC_OF_ANSWER = {"faq/cost_total": "cost"}


def faq_parse(selector_key: str) -> dict:
    response = {"response": {"intent_response_key": "faq/cost_total", "confidence": 0.9}}
    return {"intent": {"name": "faq", "confidence": 0.9}, "response_selector": {selector_key: response}}


def test_an_faq_answer_stands_for_its_topic_whatever_the_selector_is_called() -> None:
    assert parsed_topic(faq_parse("faq"), TOPIC_OF_ANSWER) == "cost"
    assert parsed_topic(faq_parse("default"), TOPIC_OF_ANSWER) == "cost"  # stock Rasa's ResponseSelector


def test_other_intents_stand_for_their_topic_and_no_intent_for_fallback() -> None:
    assert parsed_topic({"intent": {"name": "greet"}}, TOPIC_OF_ANSWER) == "smalltalk"
    assert parsed_topic({"intent": {"name": "escalation_urgent"}}, TOPIC_OF_ANSWER) == "escalation_urgent"
    assert parsed_topic({"intent": None}, TOPIC_OF_ANSWER) == "fallback"


def test_accepted_topics_and_fallback_for_out_of_scope_count_as_right(tmp_path: Path) -> None:
    sheet = tmp_path / "questions.csv"
    sheet.write_text(
        "id,text,topic,needs_doctor,origin,source,accept\n"
        "A,question a,side_effects,false,written,,contraindications\n"
        "B,question b,out_of_scope,false,written,,\n"
        "C,question c,cost,false,written,,\n",
        encoding="utf-8",
    )
    questions = read_dev_set(sheet)
    assert questions[0] == DevQuestion("question a", "side_effects", frozenset({"contraindications"}))
    assert accuracy(questions, ["contraindications", "fallback", "reimbursement"]) == 2 / 3
