"""`python -m bot actions`: the custom-action server alone, closed by the shared secret.

`python -m bot run` starts it with the Rasa server; a deployment with several Rasa servers
starts it once, on its own (see README, "Production", and docker-compose.yml).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from bot.engine.action_server import MIN_SECRET_CHARS, SECRET_VARIABLE, serve


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "actions", help="démarre le serveur d'actions seul (secret partagé ACTION_SERVER_SECRET)"
    )
    parser.add_argument(
        "--host", default="127.0.0.1",
        help="adresse d'écoute (127.0.0.1 ; une adresse privée seulement si Rasa est sur une autre machine)",
    )
    parser.add_argument("--port", type=int, default=5055, help="port (5055)")
    parser.set_defaults(func=actions)


def actions(args: argparse.Namespace) -> int:
    secret = os.environ.get(SECRET_VARIABLE, "")
    if len(secret) < MIN_SECRET_CHARS:
        print(
            f"{SECRET_VARIABLE} doit contenir au moins {MIN_SECRET_CHARS} caractères, le même pour le serveur "
            "d'actions et chaque serveur Rasa : python -c \"import secrets; print(secrets.token_urlsafe(32))\"",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    serve(args.host, args.port, secret)
    return 0
