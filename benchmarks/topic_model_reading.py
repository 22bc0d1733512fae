"""The topic model's read of one message, with its coefficients in C order (as scikit-learn
leaves them) and in Fortran order (as TopicModel keeps them): time per read and same readings.

Usage: .venv/bin/python -m benchmarks.topic_model_reading [--model MODEL.tar.gz] [--repeat N]
Prints the medians and their ratio for the topic model and the alarm reader, on the dev-set
questions (views made by the French spaCy pipeline, as the assistant makes them).
"""

from __future__ import annotations

import argparse
import tarfile
import tempfile
from pathlib import Path
from typing import Sequence, Tuple

import numpy as np
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from benchmarks.dev_set import read_dev_set
from benchmarks.timing import median_call_ms
from bot.engine.processes import latest_model
from bot.nlu.patient_question_classifier import whole_view
from bot.text.french_spacy import french_pipeline
from bot.understanding.topic_model import TopicModel

View = Tuple[str, str]


def median_read_ms(model: TopicModel, views: Sequence[View], repeat: int) -> float:
    return median_call_ms(lambda view: model.read([view]), views, repeat)


def with_c_ordered_coefficients(model: TopicModel) -> None:
    for classifier in (model.labels, *model.answers.values()):
        classifier.coef_ = np.ascontiguousarray(classifier.coef_)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=None, help="model archive (default: the latest)")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the dev questions")
    args = parser.parse_args()
    texts = [question.text for question in read_dev_set()]
    views = [whole_view(Message({TEXT: text, SPACY_DOCS[TEXT]: doc}))
             for text, doc in zip(texts, french_pipeline().pipe(texts), strict=True)]
    with tempfile.TemporaryDirectory() as unpacked:
        with tarfile.open(args.model or latest_model()) as archive:
            archive.extractall(unpacked)
        print("| modèle | lecture, ordre C (ms) | ordre Fortran (ms) | rapport | mêmes lectures |")
        print("|---|---:|---:|---:|---|")
        for path in sorted(Path(unpacked).rglob("*.skops")):
            model = TopicModel.load(path)
            fortran = median_read_ms(model, views, args.repeat)
            expected = model.read(views)
            with_c_ordered_coefficients(model)
            c_ordered = median_read_ms(model, views, args.repeat)
            same = model.read(views) == expected
            print(f"| {path.stem} | {c_ordered:.2f} | {fortran:.2f} | {c_ordered / fortran:.1f}× | {same} |")


if __name__ == "__main__":
    main()
