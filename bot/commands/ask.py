"""`python -m bot ask`: what a patient would get, without starting a server by hand."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterator, List

from bot.engine.replies import Reply
from bot.paths import MODELS_DIR


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ask",
        help="pose une question au modèle entraîné et affiche la réponse du patient",
        description=(
            "Affiche exactement le premier message qu'un patient recevrait (mêmes règles, "
            "contrôles de sécurité et de confiance que le serveur). Avec « - », lit une "
            "question par ligne sur l'entrée standard, en un seul chargement du modèle."
        ),
    )
    parser.add_argument("question", help="la question, ou « - » pour lire l'entrée standard")
    parser.add_argument("--json", action="store_true", help="un objet JSON par question")
    parser.add_argument("--model", type=Path, default=MODELS_DIR, help="modèle ou dossier de modèles")
    parser.set_defaults(func=ask)


def stdin_questions() -> Iterator[str]:
    # Bytes, so that a badly encoded line becomes one answered message, not a crash.
    for raw_line in sys.stdin.buffer:
        yield raw_line.decode("utf-8", errors="replace").rstrip("\r\n")


def as_text(reply: Reply) -> str:
    lines: List[str] = []
    for message in reply.messages:
        if message.get("text"):
            lines.append(message["text"])
        lines.extend(f"  [{button['title']}]" for button in message.get("buttons") or [])
    return "\n".join(lines)


def ask(args: argparse.Namespace) -> int:
    from bot.engine.local import ActionServerError, LocalEngine  # Rasa loads only when needed
    from bot.engine.processes import ModelNotFound

    questions = stdin_questions() if args.question == "-" else iter([args.question])
    try:
        with LocalEngine(args.model) as engine:
            for index, reply in enumerate(engine.first_replies(questions)):
                if args.json:
                    print(json.dumps(reply.as_json(), ensure_ascii=False), flush=True)
                else:
                    print(("\n" if index else "") + as_text(reply), flush=True)
    except (ModelNotFound, ActionServerError) as error:
        print(error, file=sys.stderr)
        return 2
    return 0
