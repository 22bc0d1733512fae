"""`python -m bot train`: trains a model only when a training input changed, keeps the last few.

An unchanged project answers in about a second without importing Rasa; otherwise Rasa trains
(reusing its cache for the unchanged parts) and the oldest models beyond `--keep` are deleted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from bot.engine.trained_models import (
    DEFAULT_MODELS_TO_KEEP,
    make_latest,
    model_name,
    model_trained_from,
    prune_models,
    record_training_seconds,
    training_fingerprint,
)
from bot.paths import MODELS_DIR, ROOT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--keep", type=int, default=int(os.environ.get("MODELS_TO_KEEP", DEFAULT_MODELS_TO_KEEP)),
        help=f"nombre de modèles gardés dans models/ (MODELS_TO_KEEP, {DEFAULT_MODELS_TO_KEEP} par défaut)",
    )
    parser.add_argument("--force", action="store_true", help="entraîne même si rien n'a changé")
    parser.add_argument(
        "--skip-validation", action="store_true",
        help="sans la validation des données par Rasa (quand `bot validate` tourne à côté, comme dans `make test`)",
    )


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train", help="entraîne le modèle si les données, le domaine ou la config ont changé"
    )
    add_arguments(parser)
    parser.set_defaults(func=train)


def train(args: argparse.Namespace) -> int:
    fingerprint = training_fingerprint()
    existing = None if args.force else model_trained_from(fingerprint)
    if existing is not None:
        make_latest(existing)
        print(f"Rien n'a changé depuis l'entraînement de {existing.name} : pas de nouveau modèle.")
        prune_models(args.keep)
        return 0
    started = time.perf_counter()
    name = model_name(fingerprint)
    command = [
        # Rasa's own `rasa train`, with one spaCy model per process (bot.engine.rasa_server).
        sys.executable, "-m", "bot.engine.rasa_server", "train", "--quiet", "--num-threads", "2",
        "--out", str(MODELS_DIR), "--fixed-model-name", name,
        *(["--skip-validation"] if args.skip_validation else []),
    ]
    status = subprocess.run(command, cwd=ROOT).returncode
    if status == 0:
        seconds = time.perf_counter() - started
        record_training_seconds(name, seconds)
        print(f"Modèle entraîné en {seconds:.0f} s.")
        for deleted in prune_models(args.keep):
            print(f"Ancien modèle supprimé : {deleted.name}")
    return status


if __name__ == "__main__":
    # `make train` starts here: `python -m bot` imports every command (Rasa among them) first,
    # 20 s when only a fingerprint is to be compared.
    command_line = argparse.ArgumentParser(prog="python -m bot.commands.train", description=__doc__)
    add_arguments(command_line)
    sys.exit(train(command_line.parse_args()))
