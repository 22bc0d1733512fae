"""action_answer_faq: sourced answers, clinic prices, and "Vouliez-vous dire ... ?"."""

from __future__ import annotations

import pytest

from actions.faq import ActionAnswerFaq
from bot.settings import load_settings


def selector(*ranking):
    return {"faq": {"ranking": [{"intent_response_key": k, "confidence": c} for k, c in ranking],
                    "response": {"intent_response_key": ranking[0][0], "confidence": ranking[0][1]}}}


def run(dispatcher, tracker, domain):
    ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert len(dispatcher.messages) == 1
    return dispatcher.messages[0]


def test_confident_answer_names_its_sources(dispatcher, make_tracker, domain):
    ranking = selector(("faq/cost", 0.93), ("faq/reimbursement", 0.02))
    tracker = make_tracker("combien ça coûte", response_selector=ranking)
    message = run(dispatcher, tracker, domain)
    assert message["topic"] == "cost" and message["answer_key"] == "faq/cost"
    assert message["sources"] and all(s["passages"] for s in message["sources"])
    assert message["text"].endswith(message["source_line"])
    assert message["source_line"].startswith("Source")


def test_clinic_prices_come_first_when_configured(dispatcher, make_tracker, domain, tmp_path, monkeypatch):
    settings_file = tmp_path / "clinic.yml"
    settings_file.write_text("name: Cabinet Test\nprices:\n  - label: Séance\n    price_eur: 65\n", encoding="utf-8")
    monkeypatch.setenv("CLINIC_SETTINGS_FILE", str(settings_file))
    load_settings.cache_clear()
    tracker = make_tracker("prix", response_selector=selector(("faq/cost", 0.9), ("faq/hair", 0.01)))
    message = run(dispatcher, tracker, domain)
    assert message["text"].startswith("Tarifs pratiqués par Cabinet Test : Séance : 65 €.")


def test_unsure_answer_becomes_a_question_back(dispatcher, make_tracker, domain):
    tracker = make_tracker("et pour ça ?", response_selector=selector(("faq/cost", 0.35), ("faq/reimbursement", 0.33)))
    message = run(dispatcher, tracker, domain)
    assert message["topic"] == "clarify"
    assert message["text"].startswith("Je ne suis pas sûr")
    assert message["candidates"] == ["cost", "reimbursement"]
    payloads = [b["payload"] for b in message["buttons"]]
    assert payloads == ['/choose_faq{"faq_key":"faq/cost"}', '/choose_faq{"faq_key":"faq/reimbursement"}', "/help"]


def test_a_calm_mention_of_an_alarm_sign_gets_the_side_effects_answer_rather_than_a_question_back(
    dispatcher, make_tracker, domain
):
    ranking = selector(("faq/aesthetic", 0.2), ("faq/cost", 0.18), ("faq/side_effects_allergy", 0.1))
    tracker = make_tracker("une amie avait eu la peau violette l'an dernier", response_selector=ranking,
                           calm_symptom=True)
    message = run(dispatcher, tracker, domain)
    # The surest answer of the side effects' topic, with when to worry.
    assert message["answer_key"] == "faq/side_effects_allergy"
    assert any(line.startswith("Difficulté à respirer") for line in message["text"].split("\n"))
    calm = make_tracker("pas de fièvre", response_selector=selector(("faq/cost", 0.2)), calm_symptom=True)
    dispatcher.messages.clear()
    assert run(dispatcher, calm, domain)["answer_key"] == "faq/side_effects"  # none ranked: the general one


def test_a_calm_mention_keeps_the_question_back_between_two_other_likely_topics(dispatcher, make_tracker, domain):
    ranking = selector(("faq/cost", 0.45), ("faq/reimbursement", 0.43), ("faq/side_effects", 0.05))
    tracker = make_tracker("j'avais eu un bleu, c'est parti ; combien ça coûte, c'est remboursé ?",
                           response_selector=ranking, calm_symptom=True)
    assert run(dispatcher, tracker, domain)["topic"] == "clarify"


def test_a_question_back_names_the_proposed_answers_with_their_confidence(dispatcher, make_tracker, domain):
    tracker = make_tracker("et pour ça ?", response_selector=selector(("faq/cost", 0.35), ("faq/reimbursement", 0.33)))
    message = run(dispatcher, tracker, domain)
    assert message["candidate_answers"] == [
        {"key": "faq/cost", "confidence": 0.35},
        {"key": "faq/reimbursement", "confidence": 0.33},
    ]


def test_a_chosen_button_answers_that_topic(dispatcher, make_tracker, domain):
    tracker = make_tracker('/choose_faq{"faq_key":"faq/session_course"}', intent="choose_faq",
                           entities=[{"entity": "faq_key", "value": "faq/session_course"}])
    assert run(dispatcher, tracker, domain)["answer_key"] == "faq/session_course"


@pytest.mark.parametrize("key", ["faq/does_not_exist", "utter_greet", ""])
def test_an_unknown_chosen_key_shows_the_menu(dispatcher, make_tracker, domain, key):
    tracker = make_tracker("x", intent="choose_faq", entities=[{"entity": "faq_key", "value": key}])
    assert run(dispatcher, tracker, domain)["response"] == "utter_help"


def test_menu_buttons_point_to_existing_answers(domain):
    for response in ("utter_greet", "utter_help"):
        for variation in domain["responses"][response]:
            for button in variation.get("buttons") or []:
                if button["payload"].startswith("/choose_faq"):
                    key = button["payload"].split('"faq_key":"')[1].rstrip('"}')
                    assert f"utter_{key}" in domain["responses"], button
