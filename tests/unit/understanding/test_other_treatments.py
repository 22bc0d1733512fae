"""Neighbouring treatments: out of scope alone, an honest note beside mesotherapy."""

import pytest

from bot.understanding.other_treatments import neighbour_in, without_treatment


@pytest.mark.parametrize("message", [
    "le botox ca fait mal ?", "Combien coûte une injection d'acide hyaluronique ?",
    "la cryolipolyse c'est efficace", "séance de sophro pour le stress", "mon chien boite, un vétérinaire ?",
    "le minoxidil marche vraiment ?", "des comprimés contre la chute de cheveux, ça existe ?",
])
def test_a_neighbour_alone_is_out_of_scope(message):
    neighbour = neighbour_in(message)
    assert neighbour is not None and not neighbour.compared


def test_mesotherapy_for_animals_is_out_of_scope_even_when_named():
    neighbour = neighbour_in("la mésothérapie pour mon cheval, c'est efficace ?")
    assert neighbour is not None and neighbour.with_mesotherapy and not neighbour.compared


@pytest.mark.parametrize("message, name", [
    ("méso ou botox pour les rides ?", "Botox"),
    ("mesobotox ca coute combien", "Botox"),
    ("Mésothérapie sans aiguille, c'est pareil ?", "sans aiguille"),
])
def test_a_neighbour_beside_mesotherapy_is_a_comparison(message, name):
    neighbour = neighbour_in(message)
    assert neighbour is not None and neighbour.compared and name in neighbour.treatment.name


@pytest.mark.parametrize("message", ["ça fait mal la méso ?", "mon kiné propose la meso, il a le droit ?",
                                     "les plaies de la peau", "quels médicaments injecte-t-on contre la chute ?"])
def test_mesotherapy_questions_name_no_neighbour(message):
    assert neighbour_in(message) is None


def test_the_neighbours_name_is_taken_out_of_a_comparison():
    neighbour = neighbour_in("méso ou botox pour les rides ?")
    assert neighbour is not None
    assert without_treatment("meso ou botox pour les rides", neighbour.treatment) == "meso ou pour les rides"
