"""The data validation step only tolerates the warnings it can explain."""

from bot.commands.validate import unexpected_warnings

KNOWN = (
    "/x/io.py:100: UserWarning: The following duplicated intents have been found across multiple domain "
    "files: faq\n\x1b[93m/x/io.py:100: UserWarning: The utterance 'utter_ask_phone' is not used in any "
    "story or rule.\x1b[0m\n/x/io.py:100: UserWarning: The intent 'choose_faq' is listed in the domain "
    "file, but is not found in the NLU training data.\n"
)


def test_known_warnings_pass():
    assert unexpected_warnings(KNOWN) == []


def test_any_other_warning_is_reported():
    output = KNOWN + "/x/io.py:100: UserWarning: The utterance 'utter_thank' is not used in any story or rule.\n"
    assert unexpected_warnings(output) == ["The utterance 'utter_thank' is not used in any story or rule."]
