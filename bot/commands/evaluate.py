"""`python -m bot evaluate FILE.csv`: accuracy and per-topic scores on labelled questions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Iterable, Optional

from bot.evaluation.questions import QuestionFileError, read_question_file
from bot.evaluation.scoring import Evaluation, Outcome
from bot.paths import MODELS_DIR, ROOT


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="mesure la compréhension sur des questions étiquetées (CSV text,topic)",
        description=(
            "Pose chaque question au modèle entraîné, affiche l'exactitude et les scores par "
            "sujet, liste les erreurs et écrit un rapport HTML (matrice de confusion, "
            "histogramme des confiances)."
        ),
    )
    parser.add_argument("file", type=Path, help="CSV avec les colonnes text,topic")
    parser.add_argument("--report", type=Path, default=ROOT / "results" / "evaluation",
                        help="dossier du rapport HTML (results/evaluation)")
    parser.add_argument("--model", type=Path, default=MODELS_DIR, help="modèle ou dossier de modèles")
    parser.add_argument("--quiet", action="store_true", help="sans barre de progression")
    parser.add_argument("--min-accuracy", type=float, default=None,
                        help="code de sortie 1 si l'exactitude est plus basse (ex. 0.9, pour la CI)")
    parser.set_defaults(func=evaluate)


def print_results(evaluation: Evaluation) -> None:
    accuracy = evaluation.accuracy
    if accuracy is None:
        print(f"{len(evaluation.outcomes)} questions, aucune étiquetée : pas d'exactitude calculée.")
        return
    labelled = len(evaluation.labelled)
    print(f"Exactitude (sujet, top-1) : {accuracy:.1%} ({labelled - len(evaluation.misses)}/{labelled})")
    print(f"Questions renvoyées au patient (« Vouliez-vous dire ... ? ») : {evaluation.clarifications}")
    print(f"\n{'sujet':<20}{'précision':>10}{'rappel':>10}{'F1':>8}{'n':>6}")
    for s in evaluation.scores:
        print(f"{s.topic:<20}{s.precision:>10.2f}{s.recall:>10.2f}{s.f1:>8.2f}{s.support:>6}")
    if evaluation.misses:
        print(f"\nErreurs ({len(evaluation.misses)}) :")
        for o in evaluation.misses:
            print(f"  [{o.question.topic} -> {o.reply.topic} {o.reply.confidence:.2f}] {o.question.text}")


def evaluate(args: argparse.Namespace) -> int:
    # Rasa, TensorFlow and matplotlib load only when a command needs them: `--help` stays instant.
    from tqdm import tqdm

    from bot.engine.local import ActionServerError, LocalEngine
    from bot.engine.processes import ModelNotFound
    from bot.evaluation.report import write_report
    from bot.evaluation.scoring import run_questions

    try:
        questions = read_question_file(args.file)
    except QuestionFileError as error:
        print(f"Impossible d'évaluer : {error}", file=sys.stderr)
        return 2

    def progress(outcomes: Iterable[Outcome], total: int) -> Iterable[Outcome]:
        return tqdm(outcomes, total=total, desc="Questions", unit="q", disable=args.quiet, file=sys.stderr)

    try:
        with LocalEngine(args.model) as engine:
            evaluation = run_questions(questions, engine.first_replies, progress)
            model_name = engine.model_name
    except (ModelNotFound, ActionServerError) as error:
        print(error, file=sys.stderr)
        return 2
    print_results(evaluation)
    index = write_report(evaluation, args.report, model_name, args.file.name)
    print(f"\nRapport : {index}")
    return below_threshold(evaluation.accuracy, args.min_accuracy)


def below_threshold(accuracy: Optional[float], minimum: Optional[float]) -> int:
    if minimum is None or accuracy is None or accuracy >= minimum:
        return 0
    print(f"Exactitude {accuracy:.1%} sous le seuil demandé ({minimum:.0%}).", file=sys.stderr)
    return 1
