"""The callback form's answers read from what patients type: first names and consent."""

from __future__ import annotations

import pytest

from bot.callbacks.form_answers import clean_first_name, parse_consent


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Sophie", "Sophie"),
        ("  marie ", "Marie"),
        ("JEAN-PIERRE", "Jean-Pierre"),
        ("je m'appelle sophie", "Sophie"),
        ("Moi c’est Anne-Sophie.", "Anne-Sophie"),
        ("Marie  de Vos", "Marie de Vos"),
        ("Zoé", "Zoé"),
    ],
)
def test_first_names_are_trimmed_and_read(typed, expected):
    assert clean_first_name(typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "Marie2", "06 12 34 56 78", "x" * 51, "je veux être rappelé demain", "!!!", "/affirm", None],
)
def test_first_names_that_are_not_names_are_refused(typed):
    assert clean_first_name(typed) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("oui", True), ("Oui !", True), ("ouais", True), ("ok", True), ("d’accord", True), ("j'accepte", True),
        ("oui je veux bien", True), ("bien sûr", True), ("ouiii", True), ("carrément", True), (True, True),
        ("non", False), ("NAN", False), ("non merci", False), ("je refuse", False), ("pas d'accord", False),
        ("je ne suis pas d'accord", False), ("jamais", False), (False, False),
        ("peut-être", None), ("pourquoi ?", None), ("", None), (3, None),
    ],
)
def test_consent_is_read_from_yes_no_answers(typed, expected):
    assert parse_consent(typed) is expected
