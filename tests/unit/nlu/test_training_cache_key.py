"""A change to the understanding code retrains the classifier instead of reusing Rasa's cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlu import patient_question_classifier as classifier


def test_the_code_the_classifier_trains_with_is_in_its_config() -> None:
    names = {path.name for path in classifier.TRAINING_CODE}
    assert {"topic_model.py", "words.py", "patient_question_classifier.py"} <= names
    assert classifier.PatientQuestionClassifier.get_default_config() == {
        "training_code": classifier.training_code_fingerprint()
    }


def test_a_changed_file_changes_the_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copies = []
    for path in classifier.TRAINING_CODE:
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    monkeypatch.setattr(classifier, "TRAINING_CODE", tuple(copies))
    before = classifier.training_code_fingerprint()
    copies[0].write_bytes(copies[0].read_bytes() + b"\n# changed\n")
    assert classifier.training_code_fingerprint() != before
