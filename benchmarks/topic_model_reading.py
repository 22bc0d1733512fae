"""The topic model's read of one message: through scikit-learn's transform and predict_proba (as
before) and directly (bot/understanding/linear_reading.py, as TopicModel reads): time per read
and the same probabilities.

Usage: .venv/bin/python -m benchmarks.topic_model_reading [--model MODEL.tar.gz] [--repeat N]
Prints the medians and their ratio for the topic model and the alarm reader, on the dev-set
questions (views made by the French spaCy pipeline, as the assistant makes them).
"""

from __future__ import annotations

import argparse
import functools
import tarfile
import tempfile
from pathlib import Path
from typing import List, Tuple

import numpy as np
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import hstack

from benchmarks.dev_set import read_dev_set
from benchmarks.timing import median_call_ms
from bot.engine.processes import latest_model
from bot.nlu.patient_question_classifier import whole_view
from bot.text.french_spacy import french_pipeline
from bot.understanding.linear_reading import feature_rows
from bot.understanding.topic_model import TopicModel

View = Tuple[str, str]


def scikit_learn_read(model: TopicModel, view: View) -> List[np.ndarray]:
    """Each model's probabilities through scikit-learn's own calls, with their checks."""
    features = model.features
    matrix = hstack([features.lemmas.transform([view[1]]), features.characters.transform([view[0]])]).tocsr()
    return [classifier.predict_proba(matrix) for classifier in (model.labels, *model.answers.values())]


def direct_read(model: TopicModel, view: View) -> List[np.ndarray]:
    return model.stacked.probabilities(feature_rows(model.feature_blocks, [[view[1]], [view[0]]]))


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
        print("| modèle | scikit-learn (ms) | lecture directe (ms) | rapport | mêmes probabilités |")
        print("|---|---:|---:|---:|---|")
        for path in sorted(Path(unpacked).rglob("*.skops")):
            model = TopicModel.load(path)
            for classifier in (model.labels, *model.answers.values()):
                # scikit-learn's fastest layout (what TopicModel kept before reading directly):
                # its product would copy a view of the stacked matrix at every call.
                classifier.coef_ = np.asfortranarray(classifier.coef_)
            before = median_call_ms(functools.partial(scikit_learn_read, model), views, args.repeat)
            after = median_call_ms(functools.partial(direct_read, model), views, args.repeat)
            same = all(
                np.allclose(old, new, rtol=0, atol=1e-12)
                for view in views
                for old, new in zip(scikit_learn_read(model, view), direct_read(model, view), strict=True)
            )
            print(f"| {path.stem} | {before:.2f} | {after:.2f} | {before / after:.1f}× | {same} |")


if __name__ == "__main__":
    main()
