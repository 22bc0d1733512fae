"""The trained assistant loaded in this process, with its own action server.

`ask`, `evaluate` and the staff console's batch checks use this engine, so what they
show is exactly what a patient gets as the first message of a new conversation: same
input guard, NLU, rules, custom actions and confidence checks as the server.
"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import time
import urllib.request
import uuid
import warnings
from pathlib import Path
from typing import Iterable, Iterator, Optional

from bot.paths import MODELS_DIR, ROOT
from bot.replies import Reply, reply_from


class ModelNotFound(Exception):
    """No trained model: the message says how to train one."""


def quiet_libraries() -> None:
    """Rasa, TensorFlow and friends log a lot at start-up; the CLI prints only results."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    warnings.filterwarnings("ignore")
    for name in ("rasa", "tensorflow", "absl", "urllib3", "sanic", "root", "rasa_sdk", "py.warnings"):
        logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger().setLevel(logging.ERROR)


def latest_model(path: Path = MODELS_DIR) -> Path:
    if path.is_file():
        return path
    models = sorted(path.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime) if path.is_dir() else []
    if not models:
        raise ModelNotFound(f"Aucun modèle entraîné dans {path}. Lancez d'abord : make train")
    return models[-1]


class ActionServer:
    """A real rasa_sdk action server on a free local port, stopped with the engine."""

    def __init__(self) -> None:
        from tests_free_port import free_port  # type: ignore[import-not-found]  # noqa: F401

    @staticmethod
    def start() -> tuple[subprocess.Popen, str]:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        process = subprocess.Popen(
            [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError("Le serveur d'actions n'a pas démarré (python -m rasa_sdk --actions actions).")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1).close()
                return process, f"http://127.0.0.1:{port}/webhook"
            except OSError:
                time.sleep(0.3)
        process.kill()
        raise RuntimeError("Le serveur d'actions ne répond pas.")
