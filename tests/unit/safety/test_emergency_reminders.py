"""The emergency numbers shown outside an emergency follow the clinic's country."""

from __future__ import annotations

from bot.safety.emergency import NUMBERS_BY_COUNTRY, emergency_reminder, when_to_worry_lines


def test_the_footer_line_has_the_numbers_of_each_country():
    assert emergency_reminder("FR") == "Pas un avis médical. En cas d'urgence : 15 ou 112."
    assert emergency_reminder("BE") == "Pas un avis médical. En cas d'urgence : 112."


def test_when_to_worry_is_two_lines_emergency_then_same_day_doctor():
    for country, numbers in NUMBERS_BY_COUNTRY.items():
        emergency, same_day = when_to_worry_lines(country)
        assert numbers.in_short in emergency and "gonflement du visage ou de la gorge" in emergency
        assert "Fièvre, pus" in same_day and "cabinet" in same_day and numbers.after_hours in same_day
        assert numbers.in_short not in same_day


def test_a_belgian_patient_who_cannot_reach_the_clinic_calls_the_doctor_on_duty():
    assert "1733" in when_to_worry_lines("BE")[1]
