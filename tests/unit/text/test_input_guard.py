"""What reaches Rasa for every kind of input a patient (or an attacker) may send."""

import pytest

from bot.text.input_guard import MAX_MESSAGE_CHARS, prepare_text, stored_original


@pytest.mark.parametrize(
    "raw, problem",
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        (None, "empty"),
        (12, "empty"),
        ("\u200b\u200b", "empty"),
        ("a" * (MAX_MESSAGE_CHARS + 1), "too_long"),
        ("x" * 10_000, "too_long"),
        ("<img src=x onerror=alert(1)>", "html"),
        ("bonjour <script>alert(1)</script>", "html"),
        ("😀😀😀", "no_text"),
        ("?!...", "no_text"),
        ("\ufffd\ufffd\ufffd\ufffd\ufffd", "unreadable"),
    ],
)
def test_unanswerable_input_is_named(raw, problem):
    prepared = prepare_text(raw)
    assert prepared.problem == problem
    assert prepared.text == '/bad_input{"input_problem": "' + problem + '"}'


def test_text_is_nfkc_normalised_and_cleaned():
    prepared = prepare_text("ça fait\u200b mal\x07 ?  \ufb01n")  # ligature "fi" -> "fi"
    assert prepared.problem is None
    assert prepared.text == "ça fait mal ? fin"


def test_decomposed_accents_are_composed():
    assert prepare_text("se\u0301ance").text == "séance"


@pytest.mark.parametrize(
    "payload",
    [
        "/greet",
        "/help",
        "/request_callback",
        '/choose_faq{"faq_key":"faq/cost"}',
    ],
)
def test_the_assistants_own_buttons_pass(payload):
    prepared = prepare_text(payload)
    assert prepared.text == payload and prepared.is_button_payload


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("/restart", "restart"),
        ('/request_callback{"phone": "+33600000000"}', 'request_callback{"phone": "+33600000000"}'),
        ('/choose_faq{"faq_key":"FAQ cost"}', 'choose_faq{"faq_key":"FAQ cost"}'),
        ("/escalation_urgent", "escalation_urgent"),
        ("/ combien ça coûte", "combien ça coûte"),
    ],
)
def test_other_slash_commands_become_plain_text(typed, expected):
    prepared = prepare_text(typed)
    assert not prepared.is_button_payload
    assert prepared.text == expected


def test_only_slashes_is_not_text():
    assert prepare_text("///").problem == "no_text"


def test_stored_original_keeps_the_text_but_bounds_its_size():
    assert stored_original("bonjour") == "bonjour"
    assert len(stored_original("x" * 500_000)) == 100_000
    assert stored_original(None) is None
