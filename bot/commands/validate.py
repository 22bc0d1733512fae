"""`python -m bot validate`: Rasa's data validation, where every unexplained warning fails.

`rasa data validate --fail-on-warnings` in Rasa 3.6 still exits 0 on most warnings, and
prints a few that are wrong for this project. The known ones are listed below with why they
are expected; any other warning (a typo in a rule, an unused intent...) fails the check.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from typing import List

from bot.paths import ROOT

EXPECTED_WARNINGS = [
    # Every data/faq/<topic>.yml declares its part of the `faq` retrieval intent.
    r"duplicated intents have been found across multiple domain files: faq",
    # Only sent by the assistant's own buttons and input guard, never typed.
    r"intent '(bad_input|choose_faq)' is listed in the domain file, but is not found in the NLU",
    # Asked by the callback form, which Rasa's validator does not look into.
    r"utterance 'utter_ask_(first_name|phone|time_slot|callback_reason|consent)' is not used",
    # The retrieval intent's responses are chosen by the ResponseSelector.
    r"utterance 'utter_faq' is not used in any story or rule",
]
WARNING_LINE = re.compile(r"UserWarning: (.+)")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate", help="valide les données d'entraînement (tout avertissement inattendu échoue)"
    )
    parser.set_defaults(func=validate)


def unexpected_warnings(output: str) -> List[str]:
    warnings = [match.group(1).strip() for match in WARNING_LINE.finditer(ANSI.sub("", output))]
    return [w for w in warnings if not any(re.search(expected, w) for expected in EXPECTED_WARNINGS)]


def validate(args: argparse.Namespace) -> int:
    result = subprocess.run(
        [sys.executable, "-m", "rasa", "data", "validate", "--fail-on-warnings"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
    )
    unexpected = unexpected_warnings(result.stdout + result.stderr)
    for warning in unexpected:
        print(f"Avertissement : {warning}", file=sys.stderr)
    if result.returncode != 0:
        print(result.stdout[-3000:] + result.stderr[-3000:], file=sys.stderr)
        return result.returncode
    if unexpected:
        print(f"{len(unexpected)} avertissement(s) inattendu(s) : corrigez les données.", file=sys.stderr)
        return 1
    print("Données valides.")
    return 0
