"""Emergencies written in English, Spanish, Italian, German or Portuguese."""

from __future__ import annotations

import pytest

from bot.safety.other_languages import emergency_reply, patient_language
from bot.safety.red_flags import detect_red_flag


@pytest.mark.parametrize(
    "text, language, category",
    [
        ("I can't breathe properly since the injection", "en", "urgent"),
        ("my lips are getting more and more swollen", "en", "urgent"),
        ("I want to kill myself", "en", "suicide"),
        ("no puedo respirar bien desde la sesión", "es", "urgent"),
        ("tengo la cara hinchada y me duele mucho", "es", "urgent"),
        ("ho la febbre alta dopo la seduta", "it", "urgent"),
        ("ich habe seit der Spritze Herzrasen", "de", "urgent"),
        ("estou com muita falta de ar depois da sessão", "pt", "urgent"),
    ],
)
def test_an_emergency_in_another_language_is_found(text: str, language: str, category: str) -> None:
    red_flag = detect_red_flag(text)
    assert red_flag is not None and red_flag.category == category
    found = patient_language(text)
    assert found is not None and found.code == language


@pytest.mark.parametrize(
    "text",
    [
        "how much does a session cost?",
        "quanto costa una seduta",
        "wie viel kostet eine Sitzung",
        # French that borrows a word of another language stays French, and "pus" denied is not the English "pus".
        "j'ai eu mal pendant 5 minutes puis plus rien",
        "pas de pus, pas de fièvre",
    ],
)
def test_calm_or_french_messages_are_not_foreign_emergencies(text: str) -> None:
    assert detect_red_flag(text) is None


@pytest.mark.parametrize("text", ["j'ai une question sur le prix", "ok merci", "pas de pus, pas de fièvre"])
def test_french_messages_have_no_other_language(text: str) -> None:
    assert patient_language(text) is None


def test_the_reply_gives_the_numbers_in_french_then_in_the_patients_language() -> None:
    message = emergency_reply("I can't breathe after the injection", "FR", about_suicide=False)
    french, english = message["text"].split("\n\n")
    assert french.startswith("Cela peut être une urgence. Appelez maintenant le 15 (SAMU) ou le 112.")
    assert english.startswith("English: this may be an emergency. Call 15 / 112 now")
    assert english.endswith("I only answer in French.")
    assert message["topic"] == "escalation_urgent"


def test_a_suicidal_message_in_another_language_gets_the_prevention_line_in_both() -> None:
    text = emergency_reply("quiero morir", "BE", about_suicide=True)["text"]
    assert "0800 32 123" in text
    assert "Si piensa en el suicidio" in text and "Llame ahora al 112 " in text
    assert "solo respondo en francés" in text


def test_a_french_message_gets_the_french_reply_only() -> None:
    assert "\n\n" not in emergency_reply("j'ai du mal à respirer", "FR", about_suicide=False)["text"]


@pytest.mark.parametrize(
    "text, language",
    [
        ("tengo un pequeño moretón después de la sesión", "es"),
        ("ho un piccolo livido dopo la seduta, è normale?", "it"),
        ("ich habe nach der Behandlung einen kleinen blauen Fleck", "de"),
    ],
)
def test_a_calm_question_in_another_language_is_told_apart_but_not_an_emergency(text: str, language: str) -> None:
    found = patient_language(text)
    assert found is not None and found.code == language
    assert detect_red_flag(text) is None
