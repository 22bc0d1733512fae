"""Phone numbers typed by patients, normalised to E.164 for French and Belgian lines."""

from __future__ import annotations

import pytest

from bot.callbacks.phone import normalise_phone, readable_phone


@pytest.mark.parametrize(
    ("typed", "region", "expected"),
    [
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("0612345678", "FR", "+33612345678"),
        ("06.12.34.56.78", "FR", "+33612345678"),
        ("06-12-34-56-78", "FR", "+33612345678"),
        ("+33 6 12 34 56 78", "FR", "+33612345678"),
        ("0033612345678", "FR", "+33612345678"),
        ("mon num c'est le 06 12 34 56 78 merci", "FR", "+33612345678"),
        ("09 51 23 45 67", "FR", "+33951234567"),
        ("0470 12 34 56", "BE", "+32470123456"),
        ("02 511 22 33", "BE", "+3225112233"),
        ("+32 470 12 34 56", "FR", "+32470123456"),
        ("+33 6 12 34 56 78", "BE", "+33612345678"),
        # The clinic's country decides an ambiguous national number.
        ("0470 12 34 56", "FR", "+33470123456"),
    ],
)
def test_french_and_belgian_numbers_are_normalised(typed, region, expected):
    assert normalise_phone(typed, region) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "0612",
        "06 12 34 56 78 9",
        "abc",
        "demain matin",
        "3114",
        "112",
        "+1 202 555 0100",  # not a French or Belgian line
        "08 12 34 56 78",  # premium rate: not a patient's own line
        "0" * 200,
    ],
)
def test_anything_else_is_refused(typed):
    assert normalise_phone(typed, "FR") is None


def test_readable_phone_is_what_the_patient_reads_back():
    assert readable_phone("+33612345678") == "+33 6 12 34 56 78"
    assert readable_phone("+32470123456") == "+32 470 12 34 56"
