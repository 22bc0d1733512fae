"""The two report plots, as PNG bytes (no display needed: Agg backend)."""

from __future__ import annotations

import io
import warnings

from bot.evaluation.scoring import Evaluation

# matplotlib 3.5 calls pyparsing's renamed functions while importing: noise, not our problem.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import matplotlib.pyplot as plt

# No screen on servers: draw into memory only.
plt.switch_backend("Agg")


def figure_png(figure: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def confusion_matrix_png(evaluation: Evaluation) -> bytes:
    labels, matrix = evaluation.labels, evaluation.matrix
    expected_count = len(matrix)
    size = max(5.0, 0.55 * len(labels) + 2)
    figure, axes = plt.subplots(figsize=(size, size * expected_count / max(len(labels), 1) + 1))
    image = axes.imshow(matrix, cmap="Blues")
    axes.set_xticks(range(len(labels)), labels=labels, rotation=60, ha="right")
    axes.set_yticks(range(expected_count), labels=labels[:expected_count])
    axes.set_xlabel("Sujet de la réponse donnée")
    axes.set_ylabel("Sujet attendu")
    axes.set_title("Matrice de confusion")
    peak = max((max(row) for row in matrix), default=0)
    for row_index, row in enumerate(matrix):
        for column_index, count in enumerate(row):
            if count:
                colour = "white" if count > peak / 2 else "black"
                axes.text(column_index, row_index, str(count), ha="center", va="center", color=colour, fontsize=8)
    figure.colorbar(image, ax=axes, fraction=0.04)
    return figure_png(figure)


def confidence_histogram_png(evaluation: Evaluation) -> bytes:
    outcomes = evaluation.labelled or evaluation.outcomes
    right = [o.reply.confidence for o in outcomes if not o.labelled or o.correct]
    wrong = [o.reply.confidence for o in outcomes if o.labelled and not o.correct]
    figure, axes = plt.subplots(figsize=(7, 4))
    bins = [i / 20 for i in range(21)]
    axes.hist([right, wrong], bins=bins, stacked=True, color=["#2e8b57", "#d9534f"],
              label=["bonne réponse" if evaluation.labelled else "réponses", "erreur"])
    axes.set_xlabel("Confiance du modèle (réponse choisie)")
    axes.set_ylabel("Questions")
    axes.set_title("Histogramme des confiances")
    axes.legend()
    return figure_png(figure)
