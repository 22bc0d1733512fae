"""`python -m bot run`: the Rasa server and the action server together, stopped together."""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

from bot.engine.processes import Command, action_server_command, rasa_server_command, start, stop, wait_until_up
from bot.paths import MODELS_DIR, ROOT, VAR_DIR
from bot.settings import ClinicSettings, load_settings

STARTUP_TIMEOUT = 300


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("run", help="démarre l'assistant (serveur Rasa + serveur d'actions)")
    parser.add_argument("--port", type=int, default=5005, help="port du serveur Rasa (5005)")
    parser.add_argument("--actions-port", type=int, default=5055, help="port du serveur d'actions (5055)")
    parser.add_argument("--model", type=Path, default=MODELS_DIR, help="modèle ou dossier de modèles")
    parser.add_argument(
        "--endpoints", default="endpoints.yml",
        help="endpoints.yml (SQLite, par défaut) ou endpoints.production.yml (PostgreSQL + Redis)",
    )
    parser.set_defaults(func=run)


def server_environment(actions_port: int) -> Dict[str, str]:
    """Embedded defaults (SQLite, local action server) unless the environment says otherwise."""
    env = dict(os.environ)
    # Rasa would otherwise send telemetry and crash reports to an outside service.
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("ACTION_ENDPOINT_URL", f"http://localhost:{actions_port}/webhook")
    env.setdefault("TRACKER_DIALECT", "sqlite")
    env.setdefault("TRACKER_DB", str(VAR_DIR / "tracker.db"))
    for name in ("TRACKER_HOST", "TRACKER_USER", "TRACKER_PASSWORD", "LOCK_STORE_HOST"):
        env.setdefault(name, "")
    # Telegram, Twilio and Messenger stay off until their secrets are set (see README).
    for name in (
        "TELEGRAM_TOKEN", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET_TOKEN",
        "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER", "TWILIO_WEBHOOK_URL",
        "MESSENGER_VERIFY_TOKEN", "MESSENGER_APP_SECRET", "MESSENGER_PAGE_ACCESS_TOKEN",
    ):
        env.setdefault(name, "")
    env.setdefault("PYTHONPATH", str(ROOT))
    return env


def server_commands(args: argparse.Namespace) -> List[Command]:
    # The widget may be embedded on the clinic's own sites (space-separated origins).
    origins = os.environ.get("CHAT_ALLOWED_ORIGINS", "*").split()
    return [
        action_server_command(args.actions_port),
        rasa_server_command(args.port, args.model, args.endpoints, origins),
    ]


def staff_token(settings: ClinicSettings, env: Dict[str, str]) -> Optional[str]:
    """Outside production an unset staff token becomes a random one, printed at start-up."""
    if settings.staff_token or settings.production:
        return None
    token = secrets.token_urlsafe(16)
    env["CLINIC_STAFF_TOKEN"] = token
    return token


def run(args: argparse.Namespace) -> int:
    settings = load_settings()  # fail early, with a clear message, on bad settings
    VAR_DIR.mkdir(exist_ok=True)
    env = server_environment(args.actions_port)
    generated_token = staff_token(settings, env)
    processes = [start(command, env) for command in server_commands(args)]
    # Ctrl-C reaches the whole process group; SIGTERM (service managers) is forwarded.
    signal.signal(signal.SIGTERM, lambda *_: stop(processes))
    try:
        if not wait_until_up([f"http://localhost:{args.port}/"], processes, STARTUP_TIMEOUT):
            print("L'assistant n'a pas pu démarrer : voir les messages ci-dessus.", file=sys.stderr)
            stop(processes)
            return 1
        print(
            f"\nAssistant de « {settings.name} » prêt.\n"
            f"  Discussion patient : http://localhost:{args.port}/chat/\n"
            f"  Console du cabinet : http://localhost:{args.port}/staff/\n"
            f"  API REST           : http://localhost:{args.port}/webhooks/rest/webhook\n"
            "Ctrl-C pour arrêter.\n",
            flush=True,
        )
        if generated_token:
            print(f"Jeton de la console (généré pour cette session) : {generated_token}\n", flush=True)
        elif settings.production and not settings.staff_token:
            print("Console du cabinet désactivée : définissez CLINIC_STAFF_TOKEN.\n", flush=True)
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop(processes)
