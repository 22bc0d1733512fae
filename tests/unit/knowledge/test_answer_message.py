"""The sourced answer message keeps the answer's promises: callback button, when-to-worry lines."""

from __future__ import annotations

from dataclasses import replace

from bot.knowledge.answers import CALLBACK_BUTTON, answer_message, faq_answer
from bot.settings import ClinicSettings


def message(domain, key: str, country: str = "FR") -> dict:
    responses = domain["responses"]
    answer = faq_answer(responses, key)
    assert answer is not None
    return answer_message(answer, ClinicSettings(country=country), responses)


def test_an_answer_that_offers_a_callback_carries_the_callback_button_first(domain):
    sent = message(domain, "faq/contraindications_anticoagulants")
    assert "Le cabinet peut vous rappeler" in sent["text"]
    assert sent["buttons"][0] == CALLBACK_BUTTON


def test_an_answer_without_an_offer_has_no_callback_button(domain):
    assert CALLBACK_BUTTON not in message(domain, "faq/what_is_origin")["buttons"]


def test_side_effects_say_when_to_worry_with_the_french_numbers(domain):
    text = message(domain, "faq/side_effects", "FR")["text"]
    body, sources = text.rsplit("\n", 1)
    assert sources.startswith("Sources :")
    emergency, same_day = body.split("\n")[-2:]
    assert "respirer" in emergency and "15 ou 112" in emergency
    assert "pus" in same_day and "le jour même" in same_day and "112" not in same_day


def test_a_belgian_clinic_gives_112_only(domain):
    text = message(domain, "faq/side_effects_allergy", "BE")["text"]
    assert "appelez le 112 sans attendre" in text
    assert "15 ou" not in text


def test_an_answer_to_suicidal_words_told_calmly_gives_the_prevention_number_before_its_sources(domain):
    responses = domain["responses"]
    answer = faq_answer(responses, "faq/contraindications")
    assert answer is not None
    text = answer_message(replace(answer, prevention_line=True), ClinicSettings(country="FR"), responses)["text"]
    body, sources = text.rsplit("\n", 1)
    assert sources.startswith("Sources :") and body.endswith("24 h/24 et 7 j/7.") and "3114" in body
    assert "3114" not in message(domain, "faq/contraindications")["text"]


def test_answers_not_about_after_effects_have_no_when_to_worry_lines(domain):
    assert "respirer" not in message(domain, "faq/cost")["text"]
