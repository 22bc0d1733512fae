"""The comparison note says the sources are silent and offers the doctor."""

from __future__ import annotations

import pytest

from bot.knowledge.comparisons import COMPARED_TREATMENTS, compared_treatment_note


@pytest.mark.parametrize("treatment", sorted(COMPARED_TREATMENTS))
def test_the_note_says_the_sources_do_not_compare_and_offers_a_callback(treatment):
    note = compared_treatment_note(treatment)
    assert note.startswith("Aucune de nos cinq sources ne compare la mésothérapie " + COMPARED_TREATMENTS[treatment])
    assert note.endswith("le cabinet peut vous rappeler.")


def test_an_unknown_treatment_is_named_as_the_patient_wrote_it():
    assert "à « laser »" in compared_treatment_note("laser")
