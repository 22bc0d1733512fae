"""`python -m bot evaluate FILE.csv [FILE.csv ...]`: accuracy and per-topic scores on
labelled questions, side by side with the TF-IDF baseline, one model load for all files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Optional

from bot.evaluation.questions import Question, QuestionFileError, read_question_file
from bot.evaluation.scoring import Evaluation, Outcome
from bot.evaluation.urgency import MAX_FALSE_ALARM_RATE, UrgencyFigures, print_urgency_figures
from bot.paths import MODELS_DIR, ROOT
from bot.safety.urgency_cases import has_urgent_column


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="mesure la compréhension sur des questions étiquetées (CSV text,topic[,accept])",
        description=(
            "Pose chaque question au modèle entraîné, affiche l'exactitude (et celle d'une base "
            "TF-IDF simple), les scores par sujet, les questions renvoyées au patient, liste les "
            "erreurs et écrit un rapport HTML par fichier (matrice de confusion, histogramme des "
            "confiances). Un fichier avec une colonne `urgent` donne aussi les chiffres d'urgence."
        ),
    )
    parser.add_argument("files", type=Path, nargs="+", metavar="FILE",
                        help="CSV avec les colonnes text,topic (accept et urgent facultatives)")
    parser.add_argument("--report", type=Path, default=ROOT / "results" / "evaluation",
                        help="dossier des rapports HTML, un sous-dossier par fichier (results/evaluation)")
    parser.add_argument("--model", type=Path, default=MODELS_DIR, help="modèle ou dossier de modèles")
    parser.add_argument("--quiet", action="store_true", help="sans barre de progression")
    parser.add_argument("--no-baseline", action="store_true", help="sans la base TF-IDF de comparaison")
    parser.add_argument("--min-accuracy", action="append", default=[], metavar="[FICHIER=]SEUIL",
                        help="code de sortie 1 si l'exactitude est plus basse : 0.9 pour tous les "
                             "fichiers, ou patient_questions_dev.csv=0.87 pour un seul (répétable)")
    parser.add_argument("--every-emergency", action="store_true",
                        help="code de sortie 1 si un fichier avec une colonne `urgent` a une urgence "
                             "manquée par le modèle complet, ou plus de 3 %% de fausses alertes")
    parser.set_defaults(func=evaluate)


def minimum_accuracies(values: List[str], files: List[Path]) -> Dict[Path, float]:
    """`0.9` applies to every file, `name.csv=0.87` to the file of that name."""
    minimums: Dict[Path, float] = {}
    for value in values:
        name, _, threshold = value.rpartition("=")
        try:
            minimum = float(threshold)
        except ValueError as error:
            raise QuestionFileError(f"Seuil illisible : « {value} » (exemple : 0.9)") from error
        chosen = [f for f in files if not name or f.name == name]
        if not chosen:
            raise QuestionFileError(f"--min-accuracy {value} : aucun fichier évalué ne s'appelle {name}")
        minimums.update({f: minimum for f in chosen})
    return minimums


def print_results(evaluation: Evaluation, baseline: Optional[float]) -> None:
    accuracy = evaluation.accuracy
    if accuracy is None:
        print(f"{len(evaluation.outcomes)} questions, aucune étiquetée : pas d'exactitude calculée.")
        return
    labelled = len(evaluation.labelled)
    print(f"Exactitude (sujet, top-1) : {accuracy:.1%} ({labelled - len(evaluation.misses)}/{labelled})")
    if baseline is not None:
        print(f"Base TF-IDF (mêmes exemples) : {baseline:.1%}  (écart {accuracy - baseline:+.1%})")
    print(f"Questions renvoyées au patient (« Vouliez-vous dire ... ? ») : {evaluation.clarifications}, "
          f"dont {evaluation.clarifications_right_first} avec le bon sujet proposé en premier")
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
    from bot.evaluation.baseline import baseline_accuracy
    from bot.evaluation.report import write_report
    from bot.evaluation.scoring import run_questions

    try:
        question_files = {path: read_question_file(path) for path in args.files}
        minimums = minimum_accuracies(args.min_accuracy, args.files)
    except QuestionFileError as error:
        print(f"Impossible d'évaluer : {error}", file=sys.stderr)
        return 2

    def progress(outcomes: Iterable[Outcome], total: int) -> Iterable[Outcome]:
        return tqdm(outcomes, total=total, desc="Questions", unit="q", disable=args.quiet, file=sys.stderr)

    status = 0
    try:
        with LocalEngine(args.model) as engine:
            for path, questions in question_files.items():
                print(f"\n=== {path.name} ({len(questions)} questions)")
                evaluation = run_questions(questions, engine.first_replies, progress)
                print_results(evaluation, None if args.no_baseline or not has_topics(questions)
                              else baseline_accuracy(questions))
                if has_urgent_column(path):
                    outcomes = evaluation.outcomes
                    pipeline = print_urgency_figures(
                        path, [o.reply.topic for o in outcomes], [o.question.right_topics for o in outcomes]
                    )
                    if args.every_emergency:
                        status = max(status, emergencies_missed(path, pipeline))
                index = write_report(evaluation, args.report / path.stem, engine.model_name, path.name)
                print(f"\nRapport : {index}")
                status = max(status, below_threshold(path, evaluation.accuracy, minimums.get(path)))
    except (ModelNotFound, ActionServerError) as error:
        print(error, file=sys.stderr)
        return 2
    return status


def emergencies_missed(path: Path, figures: Optional[UrgencyFigures]) -> int:
    """1 when the whole pipeline missed an emergency of the file or raised too many false ones."""
    if figures is None or (not figures.missed and figures.false_alarm_rate <= MAX_FALSE_ALARM_RATE):
        return 0
    print(f"{path.name} : {len(figures.missed)} urgence(s) manquée(s), fausses alertes "
          f"{figures.false_alarm_rate:.1%} (au plus {MAX_FALSE_ALARM_RATE:.0%}).", file=sys.stderr)
    return 1


def has_topics(questions: List[Question]) -> bool:
    return any(q.topic for q in questions)


def below_threshold(path: Path, accuracy: Optional[float], minimum: Optional[float]) -> int:
    if minimum is None or accuracy is None or accuracy >= minimum:
        return 0
    print(f"{path.name} : exactitude {accuracy:.1%} sous le seuil demandé ({minimum:.0%}).", file=sys.stderr)
    return 1
