"""`python -m bot crossval`: designs compared on the same five folds of the training data."""

from __future__ import annotations

import argparse
import sys
from typing import List

from bot.evaluation.crossval import DESIGNS


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "crossval",
        help="validation croisée (5 plis) des façons de comprendre, F1 par sujet",
        description=(
            "Entraîne chaque conception sur 4/5 des exemples et la note sur le 1/5 restant, cinq "
            "fois, avec les mêmes plis pour toutes : exactitude, F1 macro et F1 par sujet. "
            "Lent (plusieurs minutes) : hors CI."
        ),
    )
    parser.add_argument("--designs", nargs="+", choices=sorted(DESIGNS), default=list(DESIGNS),
                        help="conceptions à comparer (toutes par défaut)")
    parser.set_defaults(func=crossval)


def crossval(args: argparse.Namespace) -> int:
    from bot.evaluation.crossval import cross_validate  # slow imports, only when the command runs
    from bot.knowledge.training_data import load_training_data
    from bot.text.french_spacy import french_pipeline
    from bot.understanding.examples import examples_with_spacy

    nlp = french_pipeline()

    def lemmatise(texts: List[str]) -> List[List[str]]:
        return [[token.lemma_ for token in doc] for doc in nlp.pipe(texts, batch_size=256)]

    examples = examples_with_spacy(load_training_data(), lemmatise)
    scores = cross_validate(examples, args.designs, progress=lambda step: print(step, file=sys.stderr))
    topics = sorted(scores[0].f1_per_topic)
    print(f"{len(examples)} exemples, 5 plis\n")
    print(f"{'':<22}" + "".join(f"{s.design:>20}" for s in scores))
    print(f"{'exactitude':<22}" + "".join(f"{s.accuracy:>20.1%}" for s in scores))
    print(f"{'F1 macro':<22}" + "".join(f"{s.macro_f1:>20.3f}" for s in scores))
    for topic in topics:
        print(f"{topic:<22}" + "".join(f"{s.f1_per_topic[topic]:>20.3f}" for s in scores))
    return 0
