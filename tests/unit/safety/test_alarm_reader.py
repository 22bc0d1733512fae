"""The learned alarm reader: its labels, its training set, what it adds to the red-flag rule."""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

import pytest
from rasa.shared.nlu.training_data.message import Message
from spacy.language import Language

from bot.nlu.patient_question_classifier import whole_view
from bot.nlu.red_flag_detector import RedFlagDetector, may_be_set_aside, reading_without_denials
from bot.safety.alarm_reader import (
    ALARM_THRESHOLD,
    CALM,
    CALM_CERTAINTY,
    SUICIDE,
    SUICIDE_ALARM_THRESHOLD,
    URGENT,
    AlarmReader,
    AlarmReading,
    alarm_messages,
    label_of,
    tells_a_story,
)
from bot.safety.red_flags import detect_red_flag
from bot.safety.urgency_cases import UrgencyCase
from bot.text.french_spacy import french_pipeline

# Views as bot.understanding.words makes them: (folded surface, folded lemmas). Made-up signs
# ("zorglub", "plouf definitif"), so that what the reader finds is never the word list's.
TRAINING: List[Tuple[Tuple[str, str], str]] = [
    *[((text, text), CALM) for text in (
        "combien coute une seance", "est ce que ca fait mal", "c est rembourse", "quels sont les effets",
        "combien de seances faut il", "je peux faire du sport apres", "ou est le cabinet", "bonjour merci",
    )],
    *[((text, text), URGENT) for text in (
        "mon zorglub clignote", "le zorglub clignote depuis la piqure", "zorglub qui clignote",
        "ca clignote au zorglub", "zorglub clignotant ce matin", "mon zorglub clignote encore",
    )],
    *[((text, text), SUICIDE) for text in (
        "ce soir c est plouf definitif", "plouf definitif demain", "j ai prevu le plouf definitif",
        "plouf definitif c est decide", "bientot le plouf definitif", "le plouf definitif pour moi",
    )],
]


@pytest.fixture(scope="module")
def reader() -> AlarmReader:
    return AlarmReader.train(TRAINING)


def test_labels_follow_the_urgent_and_category_columns() -> None:
    assert label_of(UrgencyCase("pas de fièvre", False, "")) == CALM
    assert label_of(UrgencyCase("joue grise", True, "skin_circulation")) == URGENT
    assert label_of(UrgencyCase("j'en finis ce soir", True, "psychiatric")) == SUICIDE
    assert label_of(UrgencyCase("j'ai 40 de fièvre", True, "")) == URGENT


def test_the_shipped_training_set_holds_every_label() -> None:
    labels = {label_of(case) for case in alarm_messages()}
    assert labels == {CALM, URGENT, SUICIDE}


def test_no_labelled_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="alarm reader"):
        alarm_messages(tmp_path)


def test_a_training_set_without_suicidal_messages_is_refused() -> None:
    with pytest.raises(ValueError, match="calm, urgent and suicidal"):
        AlarmReader.train([item for item in TRAINING if item[1] != SUICIDE])


def test_reads_an_alarm_and_its_category(reader: AlarmReader) -> None:
    urgent = reader.read(("mon zorglub clignote", "mon zorglub clignoter"))
    suicidal = reader.read(("demain plouf definitif", "demain plouf definitif"))
    calm = reader.read(("combien coute une seance", "combien coute une seance"))
    assert urgent.is_alarm and urgent.category == URGENT
    assert suicidal.is_alarm and suicidal.category == SUICIDE
    assert not calm.is_alarm and calm.probability < ALARM_THRESHOLD


def test_a_saved_reader_reads_the_same(reader: AlarmReader, tmp_path: Path) -> None:
    reader.save(tmp_path / "reader.skops")
    view = ("zorglub", "zorglub")
    assert AlarmReader.load(tmp_path / "reader.skops").read(view) == reader.read(view)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return french_pipeline()


def parsed(nlp: Language, text: str) -> Message:
    ranking = [{"name": "faq", "confidence": 0.9}]
    return Message(data={"text": text, "text_spacy_doc": nlp(text), "intent": ranking[0], "intent_ranking": ranking})


def test_the_detector_adds_what_the_reader_finds_and_the_rule_does_not(reader: AlarmReader, nlp: Language) -> None:
    message = parsed(nlp, "mon zorglub clignote")
    RedFlagDetector(0.4, reader=reader).process([message])
    assert message.get("intent") == {"name": "escalation_urgent", "confidence": 1.0}
    red_flag = message.get("red_flag")
    assert red_flag["rule"] == "alarm_reader" and red_flag["category"] == "urgent"
    assert red_flag["probability"] >= ALARM_THRESHOLD


def test_the_rule_keeps_its_own_red_flag(reader: AlarmReader, nlp: Language) -> None:
    message = parsed(nlp, "je n'arrive plus à respirer")
    RedFlagDetector(0.4, reader=reader).process([message])
    assert message.get("red_flag")["rule"] != "alarm_reader"


def test_a_calm_question_stays_calm(reader: AlarmReader, nlp: Language) -> None:
    message = parsed(nlp, "combien coûte une séance ?")
    RedFlagDetector(0.4, reader=reader).process([message])
    assert message.get("intent") == {"name": "faq", "confidence": 0.9} and message.get("red_flag") is None


# A red flag of the rule told in a setting the reader has only ever seen calm (the made-up
# "zorglubs" stand for a chronic condition or a visit elsewhere).
CALM_SETTING = "au pays des", "chez les", "comme les"
# A story around the sign: the reader may set a red flag aside only in a message this long.
STORY = "comme chaque hiver depuis que je suis toute petite avec ma famille"
CALM_SIGNS = ("ma langue gonfle", "ca gonfle", "langue", "respirer", "fievre", "ma joue", "mal", "le bras",
              "la jambe", "rouge", "noir", "gorge", "levres", "pus", "sang", "coeur", "je veux me tuer", "tuer",
              "i can t breathe", "breathe")


@pytest.fixture(scope="module")
def reader_sure_of_calm() -> AlarmReader:
    calm = [((f"{sign} {setting} zorglubs{story}", f"{sign} {setting} zorglub{story}"), CALM)
            for sign in CALM_SIGNS for setting in CALM_SETTING for story in ("", f" {STORY}")]
    return AlarmReader.train(TRAINING + calm)


def test_a_red_flag_the_reader_is_sure_is_calm_gets_its_normal_answer_and_when_to_worry(
    reader_sure_of_calm: AlarmReader, nlp: Language
) -> None:
    message = parsed(nlp, f"ma langue gonfle au pays des zorglubs {STORY}")
    RedFlagDetector(0.4, reader=reader_sure_of_calm).process([message])
    assert message.get("intent") == {"name": "faq", "confidence": 0.9}
    assert message.get("red_flag") is None and message.get("calm_symptom") is True
    record = message.get("red_flag_set_aside")
    assert (record["rule"], record["category"]) == ("face_throat_swelling", "urgent")
    assert record["probability"] < CALM_CERTAINTY


@pytest.mark.parametrize("text, intent", [
    (f"je veux me tuer au pays des zorglubs {STORY}", "faq"),  # suicidal: never set aside
    (f"ma langue gonfle au pays des zorglubs {STORY}", "escalation_urgent"),  # the classifier finds it urgent
    ("ma langue gonfle au pays des zorglubs", "faq"),  # too short to tell a story around the sign
])
def test_some_red_flags_stand_even_when_the_reader_is_sure_of_calm(
    reader_sure_of_calm: AlarmReader, nlp: Language, text: str, intent: str
) -> None:
    message = parsed(nlp, text)
    message.set("intent", {"name": intent, "confidence": 0.9})
    assert reader_sure_of_calm.read(whole_view(message)).probability < CALM_CERTAINTY
    RedFlagDetector(0.4, reader=reader_sure_of_calm).process([message])
    assert message.get("red_flag") is not None and message.get("red_flag_set_aside") is None


def test_a_red_flag_in_another_language_is_never_set_aside(nlp: Language) -> None:
    message = parsed(nlp, "I can't breathe and my lips are swelling, it started an hour ago after the injection")
    red_flag = detect_red_flag(message.get("text_spacy_doc"))
    assert red_flag is not None and tells_a_story(message.get("text"))
    assert not may_be_set_aside(red_flag, message)  # the reader reads French


def test_the_same_red_flag_stands_when_the_reader_is_not_sure(reader: AlarmReader, nlp: Language) -> None:
    message = parsed(nlp, f"ma langue gonfle au pays des zorglubs {STORY}")
    assert reader.read(whole_view(message)).probability >= CALM_CERTAINTY
    RedFlagDetector(0.4, reader=reader).process([message])
    assert message.get("red_flag")["rule"] == "face_throat_swelling"


# A reader that weighs "fièvre" as an alarm whatever surrounds it, as a bag of words does.
FEVER = [((text, text), URGENT) for text in (
    "j ai de la fievre", "fievre", "de la fievre ce soir", "grosse fievre", "fievre depuis la piqure", "fievre forte",
)]


# ... and has seen the other words of "je n'ai pas de ..." in calm messages, as the real one has.
EVERYDAY = [((text, text), CALM) for text in (
    "je n ai pas compris", "je n ai rien a ajouter", "j ai une question de prix", "je n ai pas de rendez vous",
    "de rien", "je n ai jamais essaye", "j ai de la chance", "je n ai pas de mutuelle",
)]


@pytest.fixture(scope="module")
def reader_of_fever() -> AlarmReader:
    return AlarmReader.train(TRAINING + FEVER + EVERYDAY)


def test_an_alarm_read_only_in_denied_signs_is_a_calm_mention(reader_of_fever: AlarmReader, nlp: Language) -> None:
    message = parsed(nlp, "je n'ai pas de fièvre")
    assert reader_of_fever.read(whole_view(message)).is_alarm
    RedFlagDetector(0.4, reader=reader_of_fever).process([message])
    assert message.get("intent")["name"] == "faq" and message.get("red_flag") is None
    assert message.get("calm_symptom") is True
    assert message.get("red_flag_set_aside")["rule"] == "alarm_reader"


def test_a_sign_left_once_the_denied_ones_are_cut_keeps_its_alarm(reader_of_fever: AlarmReader, nlp: Language) -> None:
    message = parsed(nlp, "je n'ai pas de fièvre mais mon zorglub clignote")
    RedFlagDetector(0.4, reader=reader_of_fever).process([message])
    assert message.get("intent")["name"] == "escalation_urgent"
    assert message.get("red_flag")["rule"] == "alarm_reader"


@pytest.mark.parametrize("text, reading, intent", [
    ("je ne veux pas me tuer", AlarmReading(0.9, 0.0), "faq"),  # suicidal words: never cut, even read urgent
    ("je n'ai pas de fièvre", AlarmReading(0.6, 0.1), "faq"),  # a partly suicidal reading
    ("je n'ai pas de fièvre", AlarmReading(0.9, 0.0), "escalation_urgent"),  # the classifier finds it urgent too
])
def test_some_alarms_are_never_read_again_without_their_denied_signs(
    reader_of_fever: AlarmReader, nlp: Language, text: str, reading: AlarmReading, intent: str
) -> None:
    message = parsed(nlp, text)
    message.set("intent", {"name": intent, "confidence": 0.9})
    assert reading_without_denials(message, message.get("text_spacy_doc"), reading, reader_of_fever) is None


def test_a_suicidal_share_alarms_from_a_lower_probability_even_beside_a_larger_urgent_one() -> None:
    between = (SUICIDE_ALARM_THRESHOLD + ALARM_THRESHOLD) / 2
    assert AlarmReading(0.0, between).is_alarm
    assert not AlarmReading(between, 0.0).is_alarm
    assert AlarmReading(0.45, SUICIDE_ALARM_THRESHOLD).category == URGENT
    assert AlarmReading(0.45, SUICIDE_ALARM_THRESHOLD).is_alarm
