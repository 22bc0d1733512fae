"""action_answer_faq answers every question of a message and says what the sources omit."""

from __future__ import annotations

from actions.faq import ActionAnswerFaq


def selector(*ranking):
    return {"faq": {"ranking": [{"intent_response_key": k, "confidence": c} for k, c in ranking]}}


def test_each_question_of_a_message_gets_its_own_sourced_answer(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        "combien ça coûte et est-ce que la mutuelle rembourse ?",
        response_selector=selector(("faq/cost", 0.9), ("faq/reimbursement", 0.05)),
        further_answers=["faq/reimbursement", "faq/cost"],  # the main answer is not repeated
    )
    ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["answer_key"] for m in dispatcher.messages] == ["faq/cost", "faq/reimbursement"]
    assert all(m["source_line"].startswith("Source") for m in dispatcher.messages)


def test_a_compared_treatment_gets_an_honest_note_after_the_answer(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        "méso ou botox pour les rides ?",
        response_selector=selector(("faq/aesthetic", 0.9)),
        compared_treatment="le Botox (toxine botulique)",
    )
    ActionAnswerFaq().run(dispatcher, tracker, domain)
    answer, note = dispatcher.messages
    assert answer["answer_key"] == "faq/aesthetic"
    assert "le Botox (toxine botulique)" in note["text"] and "n'en disent rien" in note["text"]


def test_a_question_back_adds_nothing(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        "euh", response_selector=selector(("faq/cost", 0.3), ("faq/painful", 0.28)),
        further_answers=["faq/reimbursement"], compared_treatment="le laser",
    )
    ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert len(dispatcher.messages) == 1 and dispatcher.messages[0]["topic"] == "clarify"
