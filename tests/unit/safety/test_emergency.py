"""Emergency numbers per country and the suicide prevention line."""

from __future__ import annotations

import pytest

from bot.safety.emergency import emergency_message, is_about_suicide


def test_france_gets_samu_112_and_sms_114_first():
    message = emergency_message("FR", about_suicide=False)
    text = message["text"]
    assert message["topic"] == "escalation_urgent"
    assert text.startswith("Cela peut être une urgence. Appelez maintenant le 15 (SAMU) ou le 112.")
    assert "SMS au 114" in text
    assert "3114" not in text
    assert "buttons" not in message and "sources" not in message


def test_belgium_gets_112_and_no_french_numbers():
    text = emergency_message("BE", about_suicide=False)["text"]
    assert "Appelez maintenant le 112." in text
    assert "15" not in text and "114" not in text


def test_suicide_in_france_adds_3114_after_the_emergency_numbers():
    text = emergency_message("FR", about_suicide=True)["text"]
    assert text.index("15 (SAMU)") < text.index("3114")


def test_suicide_in_belgium_adds_the_prevention_centre():
    text = emergency_message("BE", about_suicide=True)["text"]
    assert "0800 32 123" in text and "Centre de prévention du suicide" in text
    assert "3114" not in text


@pytest.mark.parametrize(
    "text",
    ["je pense à me suicider", "jveux en finir", "J'AI ENVIE DE MOURIR", "je n'ai plus envie de vivre", "suicide"],
)
def test_words_about_suicide_are_recognised_without_accents_or_case(text):
    assert is_about_suicide(text)


@pytest.mark.parametrize("text", ["j'ai 40 de fievre depuis la seance", "ma levre gonfle", "mourir de rire", ""])
def test_other_emergencies_are_not_about_suicide(text):
    assert not is_about_suicide(text)


def test_red_flag_category_suicide_wins_over_the_words():
    assert is_about_suicide("je n'en peux plus", {"rule": "x", "category": "suicide", "matched": "n'en peux plus"})
    assert not is_about_suicide("j'ai de la fievre", {"rule": "fever", "category": "urgent", "matched": "fievre"})
