"""Finding 7 of issue 13: tags written without a space and right-to-left overrides."""

from __future__ import annotations

import pytest

from bot.text.input_guard import prepare_text


@pytest.mark.parametrize("text", ["<svg/onload=alert(1)>", "<img/src=x onerror=alert(1)>", "a <b/> c"])
def test_a_tag_followed_by_a_slash_is_markup(text):
    assert prepare_text(text).problem == "html"


def test_direction_overrides_are_removed_before_anything_is_stored():
    # "\u202e" would show "Sophie 87 65 43 21 60" reversed on a staff screen.
    assert prepare_text("Sophie\u202e 06 12\u2066 34\u2069").text == "Sophie 06 12 34"


def test_ordinary_comparisons_are_not_markup():
    assert prepare_text("j'ai < 3 seances et > 2 jours").problem is None
