"""No evaluation question, nor a near copy of one, may be in the training data: a
measurement on questions the model was trained on measures nothing.

Exact copies, even with the words reordered, are refused for every measuring set: the
held-out set, the dev set of real patient questions (also read from ../shared/eval when it
is beside the repository) and the blind sets. Near copies are refused for the sets that
measure understanding on words nobody here wrote: the dev set and the blind sets. The
training data is the NLU examples and the labelled messages the alarm reader learns from
(data/safety/: urgency batches tuned on, now training data).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Dict, FrozenSet, List, Tuple

import pytest

from bot.knowledge.training_data import load_training_data
from bot.paths import ROOT
from bot.safety.alarm_reader import alarm_messages
from bot.text.folding import fold

DATA = ROOT / "tests" / "data"
INDEPENDENT_FILES = sorted(DATA.glob("blind_*.csv")) + [DATA / "patient_questions_dev.csv"] + sorted(
    (ROOT.parent / "shared" / "eval").glob("*.csv")
)
EVALUATION_FILES = [DATA / "heldout_questions.csv", *INDEPENDENT_FILES]
# Words too common to tell two questions apart.
STOP_WORDS = frozenset({
    "a", "au", "aux", "c", "ca", "ce", "ces", "cest", "d", "de", "des", "du", "elle", "en", "est",
    "et", "il", "je", "j", "l", "la", "le", "les", "ma", "me", "mes", "meso", "mesotherapie",
    "mon", "n", "ne", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "quoi", "sa", "se",
    "si", "son", "sur", "t", "ta", "te", "tu", "un", "une", "vous", "y",
})
# Two questions sharing this share of their content words are the same question reworded.
NEAR_DUPLICATE = 0.8
WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> List[str]:
    return WORD.findall(fold(text))


def content_words(text: str) -> FrozenSet[str]:
    return frozenset(w for w in words(text) if w not in STOP_WORDS)


def evaluation_questions(files: List[Path]) -> List[Tuple[str, str]]:
    questions = []
    for path in files:
        with open(path, encoding="utf-8") as handle:
            questions.extend((path.name, row["text"]) for row in csv.DictReader(handle) if row.get("text"))
    return questions


@pytest.fixture(scope="module")
def trained() -> Dict[str, object]:
    texts = [m.get("text") for m in load_training_data().training_examples if m.get("text")]
    texts += [case.text for case in alarm_messages()]
    return {
        "bags": {" ".join(sorted(words(t))) for t in texts},
        "content": [content_words(t) for t in texts],
        "texts": texts,
    }


def test_the_dev_set_is_covered():
    assert all(path.exists() for path in EVALUATION_FILES)
    assert {"patient_questions_dev.csv", "blind_questions_b1.csv"} <= {path.name for path in INDEPENDENT_FILES}


def test_no_evaluation_question_is_in_the_training_data_even_reordered(trained):
    # Same words after folding accents, case and punctuation, in any order.
    leaked = [f"{name}: {text}" for name, text in evaluation_questions(EVALUATION_FILES)
              if " ".join(sorted(words(text))) in trained["bags"]]
    assert not leaked, f"questions d'évaluation présentes dans l'entraînement : {leaked[:10]}"


def test_no_near_duplicate_of_an_evaluation_question_is_in_the_training_data(trained):
    near = []
    for name, text in evaluation_questions(INDEPENDENT_FILES):
        mine = content_words(text)
        if len(mine) < 4:  # "combien coûte une séance ?" is a question every patient writes
            continue
        for example, theirs in zip(trained["texts"], trained["content"], strict=True):
            if theirs and len(mine & theirs) / len(mine | theirs) >= NEAR_DUPLICATE:
                near.append(f"{name}: {text!r} ~ {example!r}")
    assert not near, f"quasi-copies de questions d'évaluation dans l'entraînement : {near[:10]}"
