"""The topic model's features and probabilities for a message, without scikit-learn's per-call checks.

A message is read one at a time, and scikit-learn validates its input and its fitted state
at every call: for one message, two TF-IDF transforms and up to twelve logistic regressions
cost more in checks than in arithmetic (3.5 ms per read, 1.6 of them in the answers' twelve
`predict_proba`). Here the same numbers are computed directly from the fitted estimators: the
TF-IDF row of each vectorizer, then one product with every model's coefficients stacked side by
side. tests/unit/understanding/test_linear_reading.py checks them against scikit-learn's own:
equal to 1e-12, the sums running in another order.
"""

from __future__ import annotations

from collections import Counter
from typing import List, Sequence, Tuple

import numpy as np
from scipy.sparse import csr_matrix
from scipy.special import expit, softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression


class TfidfRows:
    """A fitted TfidfVectorizer's transform, for l2-normed TF-IDF (the only kind the model uses)."""

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        if vectorizer.norm != "l2" or not vectorizer.use_idf or vectorizer.binary or vectorizer.dtype != np.float64:
            raise ValueError("TfidfRows reads l2-normed float64 TF-IDF features with idf, not binary ones.")
        self.analyze = vectorizer.build_analyzer()
        self.vocabulary = vectorizer.vocabulary_
        self.idf = vectorizer.idf_
        self.sublinear = vectorizer.sublinear_tf
        self.width = len(self.idf)

    def row(self, text: str) -> Tuple[np.ndarray, np.ndarray]:
        """The text's non-zero columns, in order, and their values."""
        counts = Counter(column for column in map(self.vocabulary.get, self.analyze(text)) if column is not None)
        columns = np.fromiter(sorted(counts), dtype=np.int32, count=len(counts))
        frequencies = np.fromiter((counts[c] for c in columns), dtype=np.float64, count=len(counts))
        values = (np.log(frequencies) + 1.0 if self.sublinear else frequencies) * self.idf[columns]
        norm = np.sqrt(np.dot(values, values))
        return columns, values / norm if norm else values


def feature_rows(blocks: Sequence[TfidfRows], texts_per_block: Sequence[Sequence[str]]) -> csr_matrix:
    """One row per message: each block's TF-IDF columns, the blocks side by side."""
    data: List[np.ndarray] = []
    indices: List[np.ndarray] = []
    indptr = [0]
    for texts in zip(*texts_per_block, strict=True):
        offset = 0
        for block, text in zip(blocks, texts, strict=True):
            columns, values = block.row(text)
            indices.append(columns + offset)
            data.append(values)
            offset += block.width
        indptr.append(indptr[-1] + sum(len(v) for v in data[-len(blocks):]))
    width = sum(block.width for block in blocks)
    if not data:
        return csr_matrix((0, width))
    return csr_matrix((np.concatenate(data), np.concatenate(indices), indptr), shape=(len(indptr) - 1, width))


class StackedClassifiers:
    """Several fitted logistic regressions over the same features, read with one product.

    Each model's coefficients become a view of the stacked matrix: no copy is kept."""

    def __init__(self, models: Sequence[LogisticRegression]) -> None:
        for model in models:
            # "auto" with lbfgs: multinomial for 3 classes or more, a sigmoid for 2 (what is read
            # below); a forced multinomial on 2 classes is a sigmoid of twice the score.
            if model.solver == "liblinear" or model.multi_class != "auto":
                raise ValueError("StackedClassifiers reads logistic regressions with multi_class='auto' (lbfgs).")
        widths = [model.coef_.shape[0] for model in models]
        # C order: SciPy's sparse x dense product copies a Fortran-ordered matrix at every call.
        self.weights = np.empty((models[0].coef_.shape[1], sum(widths)), order="C")
        self.intercepts = np.concatenate([model.intercept_ for model in models])
        self.columns: List[slice] = []
        start = 0
        for model, width in zip(models, widths, strict=True):
            self.columns.append(slice(start, start + width))
            self.weights[:, start : start + width] = model.coef_.T
            model.coef_ = self.weights.T[start : start + width]
            start += width

    def probabilities(self, features: csr_matrix) -> List[np.ndarray]:
        """Per model, as its predict_proba gives them (rows x classes)."""
        scores = np.asarray(features @ self.weights) + self.intercepts
        probabilities = []
        for columns in self.columns:
            score = scores[:, columns]
            if score.shape[1] == 1:  # two classes: scikit-learn's one-vs-rest sigmoid
                positive = expit(score[:, 0])
                probabilities.append(np.column_stack([1.0 - positive, positive]))
            else:
                probabilities.append(softmax(score, axis=1))
        return probabilities
