"""The topic model's direct reading gives scikit-learn's own features and probabilities."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.understanding.linear_reading import StackedClassifiers, TfidfRows, feature_rows
from bot.understanding.topic_model import Example, TopicModel
from bot.understanding.words import surface

# A topic with three answers (softmax), one with two (scikit-learn's binary sigmoid), one with one.
TRAINING = {
    ("session", "faq/session_count"): ["combien de seances", "nombre de seances", "combien de fois faut il venir"],
    ("session", "faq/session_course"): ["comment se passe une seance", "deroulement de la seance", "ca dure combien"],
    ("session", "faq/session_aftercare"): ["apres la seance je peux courir", "sport apres", "douche apres la seance"],
    ("cost", "faq/cost"): ["combien coute une seance", "quel est le prix", "tarif d'une seance"],
    ("cost", "faq/cost_total"): ["budget total du traitement", "combien pour toute la cure", "cout total"],
    ("painful", "faq/painful"): ["ca fait mal", "les piqures sont douloureuses", "est ce que ca pique"],
    ("out_of_scope", None): ["quel temps fait il", "recette de crepes", "train pour paris"],
}
MESSAGES = ["combien coute une seance et ca fait mal", "apres la seance, sport ?", "zzz", "", "le prix total svp"]


@pytest.fixture(scope="module")
def model() -> TopicModel:
    examples = [Example(surface(t), surface(t), label, answer)
                for (label, answer), texts in TRAINING.items() for t in texts]
    return TopicModel.train(examples)


def test_feature_rows_are_scikit_learns_tfidf(model: TopicModel) -> None:
    features = model.features
    expected = hstack([features.lemmas.transform(MESSAGES), features.characters.transform(MESSAGES)]).tocsr()
    rows = feature_rows(model.feature_blocks, [MESSAGES, MESSAGES])
    assert rows.shape == expected.shape
    assert np.allclose(rows.toarray(), expected.toarray(), rtol=0, atol=1e-12)


def test_stacked_probabilities_are_each_models_own(model: TopicModel) -> None:
    matrix = feature_rows(model.feature_blocks, [MESSAGES, MESSAGES])
    models = [model.labels, *model.answers.values()]
    assert sorted(len(m.classes_) for m in model.answers.values()) == [2, 3]
    for fitted, probabilities in zip(models, model.stacked.probabilities(matrix), strict=True):
        assert np.allclose(probabilities, fitted.predict_proba(matrix), rtol=0, atol=1e-12)


def test_the_stacked_coefficients_are_one_c_ordered_matrix_the_models_share(model: TopicModel) -> None:
    # A Fortran-ordered matrix would be copied by SciPy at every product (4.6 ms a read).
    weights = model.stacked.weights
    assert weights.flags["C_CONTIGUOUS"]
    assert all(np.shares_memory(m.coef_, weights) for m in [model.labels, *model.answers.values()])


def test_no_message_is_an_empty_matrix(model: TopicModel) -> None:
    assert feature_rows(model.feature_blocks, [[], []]).shape == (0, sum(b.width for b in model.feature_blocks))


def test_other_estimators_are_refused() -> None:
    binary_counts = TfidfVectorizer(binary=True).fit(["un deux", "deux trois"])
    with pytest.raises(ValueError):
        TfidfRows(binary_counts)
    single_precision = TfidfVectorizer(dtype=np.float32).fit(["un deux", "deux trois"])
    with pytest.raises(ValueError):
        TfidfRows(single_precision)
    for forced in ("ovr", "multinomial"):  # a two-class multinomial is not scikit-learn's sigmoid
        model = LogisticRegression(multi_class=forced).fit([[0.0], [1.0], [2.0], [3.0]], ["a", "a", "b", "b"])
        with pytest.raises(ValueError):
            StackedClassifiers([model])
