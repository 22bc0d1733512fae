"""A change to the code or the files a component trains from retrains it instead of reusing
Rasa's cache."""

from __future__ import annotations

from pathlib import Path

from bot.nlu import patient_question_classifier as classifier
from bot.nlu import red_flag_detector as detector
from bot.nlu.cache_keys import files_fingerprint


def test_the_code_the_classifier_trains_with_is_in_its_config() -> None:
    names = {path.name for path in classifier.TRAINING_CODE}
    assert {"topic_model.py", "words.py", "patient_question_classifier.py"} <= names
    assert classifier.PatientQuestionClassifier.get_default_config() == {
        "training_code": files_fingerprint(classifier.TRAINING_CODE)
    }


def test_the_alarm_readers_code_and_labelled_messages_are_in_the_detectors_config() -> None:
    names = {path.name for path in detector.TRAINING_FILES}
    assert {"alarm_reader.py", "topic_model.py", "urgency_messages.csv", "blind_urgency_u5.csv"} <= names
    fingerprint = files_fingerprint(detector.TRAINING_FILES)
    assert detector.RedFlagDetector.get_default_config() == {"training_files": fingerprint}


def test_a_changed_file_changes_the_cache_key(tmp_path: Path) -> None:
    copies = []
    for path in classifier.TRAINING_CODE:
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    before = files_fingerprint(copies)
    copies[0].write_bytes(copies[0].read_bytes() + b"\n# changed\n")
    assert files_fingerprint(copies) != before
