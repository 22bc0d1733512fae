"""The answer-level confidence check that keeps the assistant from guessing."""

from bot.knowledge.answer_choice import RankedAnswer, choose_answer, ranking_from_parse_data

TOPICS = {"faq/cost": "cost", "faq/reimbursement": "reimbursement", "faq/session_count": "session",
          "faq/session_course": "session"}


def choose(*ranking):
    return choose_answer([RankedAnswer(k, c) for k, c in ranking], TOPICS.get)


def test_a_clear_winner_is_answered():
    choice = choose(("faq/cost", 0.9), ("faq/reimbursement", 0.05))
    assert not choice.needs_clarification
    assert choice.answer.key == "faq/cost"


def test_low_confidence_asks_back_with_the_two_best_topics():
    choice = choose(("faq/cost", 0.2), ("faq/session_count", 0.15), ("faq/reimbursement", 0.1))
    assert choice.needs_clarification
    assert [c.key for c in choice.candidates] == ["faq/cost", "faq/session_count"]


def test_close_answers_of_different_topics_ask_back():
    choice = choose(("faq/cost", 0.5), ("faq/reimbursement", 0.48))
    assert choice.needs_clarification


def test_close_answers_of_the_same_topic_do_not_ask_back():
    # Two finer answers of one topic: the rival is the best answer of *another* topic.
    choice = choose(("faq/session_count", 0.55), ("faq/session_course", 0.4), ("faq/cost", 0.05))
    assert choice.answer.key == "faq/session_count"
    assert [c.key for c in choice.candidates] == ["faq/session_count", "faq/cost"]


def test_answers_of_one_topic_add_up_against_another_topic():
    # 0.3 + 0.3 for session beat 0.35 for cost: the topic is clear, its best answer given.
    choice = choose(("faq/cost", 0.35), ("faq/session_count", 0.3), ("faq/session_course", 0.3))
    assert choice.answer.key == "faq/session_count"


def test_no_ranking_means_no_answer():
    assert choose().needs_clarification


def test_ranking_is_read_from_the_response_selector_output():
    parse_data = {"response_selector": {"faq": {"ranking": [
        {"intent_response_key": "faq/cost", "confidence": 0.8},
        {"intent_response_key": "faq/reimbursement", "confidence": 0.1},
    ]}}}
    assert ranking_from_parse_data(parse_data) == [RankedAnswer("faq/cost", 0.8),
                                                   RankedAnswer("faq/reimbursement", 0.1)]
    assert ranking_from_parse_data({}) == []
