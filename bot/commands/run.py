"""`python -m bot run`: the Rasa server and the action server together, stopped together.

`--only rasa` or `--only actions` starts one of them, for deployments where several Rasa
servers share one action server (docker-compose.yml, tests/e2e/test_multi_instance.py).
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

from bot.engine.action_server import MIN_SECRET_CHARS, SECRET_VARIABLE
from bot.engine.processes import Command, action_server_command, rasa_server_command, start, stop, wait_until_up
from bot.engine.server_files import private_files, stored_secret
from bot.paths import MODELS_DIR, ROOT, VAR_DIR
from bot.settings import ClinicSettings, load_settings

STARTUP_TIMEOUT = 300
CONVERSATION_SECRET_FILE = VAR_DIR / "conversation.secret"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("run", help="démarre l'assistant (serveur Rasa + serveur d'actions)")
    parser.add_argument("--port", type=int, default=5005, help="port du serveur Rasa (5005)")
    parser.add_argument("--actions-port", type=int, default=5055, help="port du serveur d'actions (5055)")
    parser.add_argument("--model", type=Path, default=MODELS_DIR, help="modèle ou dossier de modèles")
    parser.add_argument(
        "--endpoints", default="endpoints.yml",
        help="endpoints.yml (SQLite, par défaut) ou endpoints.production.yml (PostgreSQL + Redis)",
    )
    parser.add_argument(
        "--only", choices=("rasa", "actions"),
        help="un seul des deux serveurs (plusieurs serveurs Rasa pour un serveur d'actions) ; "
        "ACTION_SERVER_SECRET est alors obligatoire",
    )
    parser.add_argument(
        "--actions-host", default="127.0.0.1",
        help="adresse d'écoute du serveur d'actions (127.0.0.1 ; voir README, « Production »)",
    )
    parser.set_defaults(func=run)


def server_environment(actions_port: int) -> Dict[str, str]:
    """Embedded defaults (SQLite, local action server) unless the environment says otherwise."""
    env = dict(os.environ)
    # Rasa would otherwise send telemetry and crash reports to an outside service.
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("ACTION_ENDPOINT_URL", f"http://127.0.0.1:{actions_port}/webhook")
    env.setdefault("TRACKER_DIALECT", "sqlite")
    env.setdefault("TRACKER_DB", str(VAR_DIR / "tracker.db"))
    for name in ("TRACKER_HOST", "TRACKER_USER", "TRACKER_PASSWORD", "LOCK_STORE_HOST", SECRET_VARIABLE):
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


def server_commands(args: argparse.Namespace, settings: ClinicSettings) -> List[Command]:
    # The widget may be embedded on the clinic's own sites (space-separated origins).
    origins = os.environ.get("CHAT_ALLOWED_ORIGINS", "").split() or settings.allowed_origins
    commands = {
        "actions": action_server_command(args.actions_port, args.actions_host),
        "rasa": rasa_server_command(args.port, args.model, args.endpoints, origins),
    }
    return [commands[args.only]] if args.only else list(commands.values())


def staff_token(settings: ClinicSettings, env: Dict[str, str]) -> Optional[str]:
    """Outside production an unset staff token becomes a random one, printed at start-up."""
    if settings.staff_token or settings.production:
        return None
    token = secrets.token_urlsafe(32)
    env["CLINIC_STAFF_TOKEN"] = token
    return token


def shared_secrets(args: argparse.Namespace, settings: ClinicSettings, env: Dict[str, str]) -> Optional[str]:
    """Fills in the secrets `make run` may leave unset; the French problem when one is missing."""
    if len(env[SECRET_VARIABLE]) < MIN_SECRET_CHARS:
        if args.only:
            return (
                f"{SECRET_VARIABLE} doit contenir au moins {MIN_SECRET_CHARS} caractères, le même pour le serveur "
                "d'actions et chaque serveur Rasa."
            )
        # Both servers are started here: a fresh secret, known to them only.
        env[SECRET_VARIABLE] = secrets.token_urlsafe(32)
    if not settings.conversation_secret:
        # Production refuses to start without it (bot.settings); a workstation keeps one in var/.
        env["CLINIC_CONVERSATION_SECRET"] = stored_secret(CONVERSATION_SECRET_FILE)
    return None


def run(args: argparse.Namespace) -> int:
    settings = load_settings()  # fail early, with a clear message, on bad settings
    private_files(VAR_DIR)  # databases and secrets readable by this account only
    env = server_environment(args.actions_port)
    problem = shared_secrets(args, settings, env)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    generated_token = staff_token(settings, env) if args.only != "actions" else None
    processes = [start(command, env) for command in server_commands(args, settings)]
    # Ctrl-C reaches the whole process group; SIGTERM (service managers) is forwarded.
    signal.signal(signal.SIGTERM, lambda *_: stop(processes))
    health = f"http://127.0.0.1:{args.actions_port}/health" if args.only == "actions" else f"http://127.0.0.1:{args.port}/"
    try:
        if not wait_until_up([health], processes, STARTUP_TIMEOUT):
            print("L'assistant n'a pas pu démarrer : voir les messages ci-dessus.", file=sys.stderr)
            stop(processes)
            return 1
        if args.only != "actions":
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
        elif settings.production and not settings.staff_token and args.only != "actions":
            print("Console du cabinet désactivée : définissez CLINIC_STAFF_TOKEN.\n", flush=True)
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop(processes)
