"""How answers read in messaging apps: numbered choices, length limits, the source line."""

from __future__ import annotations

import pytest

from bot.channels.text_rendering import (
    CHOICE_PROMPT,
    numbered_choices,
    readable_parts,
    shorten_source_line,
    split_text,
    with_short_source_line,
)

BUTTONS = [
    {"title": "Prix", "payload": '/choose_faq{"faq_key":"faq/cost"}'},
    {"title": "Remboursement", "payload": '/choose_faq{"faq_key":"faq/reimbursement"}'},
]
LONG_LABEL = "Article « La mésothérapie : une médecine douce peu connue »"
SECOND_LABEL = "DERMATEC, « Petit traité de la mésothérapie » (2019)"
THIRD_LABEL = "Texte médical sur la mésothérapie"


def test_numbered_choices_list_titles_and_ask_for_the_number():
    assert numbered_choices(BUTTONS) == f"1. Prix\n2. Remboursement\n{CHOICE_PROMPT}"


def test_numbered_choices_can_continue_a_previous_numbering():
    assert numbered_choices(BUTTONS, first_number=3).splitlines()[:2] == ["3. Prix", "4. Remboursement"]


def test_short_text_is_one_part():
    assert split_text("  Bonjour !  ", 4096) == ["Bonjour !"]


def test_empty_text_has_no_part():
    assert split_text(" \n ", 100) == []


def test_split_prefers_line_boundaries():
    text = "Première ligne assez longue.\nDeuxième ligne.\nTroisième ligne."
    assert split_text(text, 45) == ["Première ligne assez longue.\nDeuxième ligne.", "Troisième ligne."]


def test_split_cuts_a_long_line_between_sentences():
    text = "Une phrase. Une autre phrase ? Encore une phrase !"
    parts = split_text(text, 25)
    assert parts == ["Une phrase.", "Une autre phrase ?", "Encore une phrase !"]


def test_split_cuts_a_long_sentence_between_words_and_loses_nothing():
    text = " ".join(f"mot{number}" for number in range(200))
    parts = split_text(text, 50)
    assert all(len(part) <= 50 for part in parts)
    assert " ".join(parts) == text


def test_split_cuts_a_word_longer_than_the_limit():
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_split_keeps_blank_lines_inside_a_part():
    assert split_text("Réponse.\n\n1. Prix", 100) == ["Réponse.\n\n1. Prix"]


@pytest.mark.parametrize("limit", [1600, 2000, 4096])
def test_every_part_of_a_long_answer_fits_the_channel(limit):
    paragraph = "La mésothérapie consiste en des micro-injections. " * 40
    text = "\n\n".join([paragraph] * 5)
    parts = split_text(text, limit)
    assert len(parts) > 1
    assert all(len(part) <= limit for part in parts)
    assert "".join(parts).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


def test_short_source_line_is_kept_as_is():
    line = f"Source : {THIRD_LABEL}"
    assert shorten_source_line(line, 140) == line


def test_long_source_line_keeps_whole_labels_and_counts_the_others():
    line = f"Sources : {LONG_LABEL} ; {SECOND_LABEL} ; {THIRD_LABEL}"
    assert shorten_source_line(line, 140) == f"Sources : {LONG_LABEL} ; {SECOND_LABEL} (+1 autre)"
    assert shorten_source_line(line, 90) == f"Sources : {LONG_LABEL} (+2 autres)"


def test_a_single_label_too_long_is_cut_at_a_word():
    shortened = shorten_source_line(f"Sources : {LONG_LABEL} ; {THIRD_LABEL}", 50)
    assert len(shortened) <= 50
    assert shortened.startswith("Sources : Article « La mésothérapie")
    assert shortened.endswith("… (+1 autre)")


def test_source_line_stays_on_its_own_last_line_shortened():
    text = f"La séance dure 15 minutes.\nSources : {LONG_LABEL} ; {SECOND_LABEL} ; {THIRD_LABEL}"
    rendered = with_short_source_line(text, 90)
    assert rendered == f"La séance dure 15 minutes.\nSources : {LONG_LABEL} (+2 autres)"


def test_text_without_source_line_is_unchanged():
    assert (
        with_short_source_line("Bonjour ! Que voulez-vous savoir ?") == "Bonjour ! Que voulez-vous savoir ?"
    )


def test_readable_parts_put_choices_after_the_answer_and_its_source():
    text = f"Le prix varie.\nSource : {THIRD_LABEL}"
    parts = readable_parts(text, 1600, numbered_choices(BUTTONS))
    assert parts == [f"Le prix varie.\nSource : {THIRD_LABEL}\n\n1. Prix\n2. Remboursement\n{CHOICE_PROMPT}"]


def test_readable_parts_keep_the_source_line_whole_when_splitting():
    body = "Une phrase sur la mésothérapie. " * 100
    text = f"{body.strip()}\nSource : {THIRD_LABEL}"
    parts = readable_parts(text, 1600)
    assert len(parts) > 1
    assert parts[-1].splitlines()[-1] == f"Source : {THIRD_LABEL}"
