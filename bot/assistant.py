"""The trained assistant loaded in this process, with its own action server.

`ask`, `evaluate` and the staff console's checks use this engine, so what they show is
exactly what a patient gets as the first message of a new conversation: same input guard,
NLU (red flags included), rules, custom actions and confidence checks as the server.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
import warnings
from pathlib import Path
from typing import Iterable, Iterator, Optional

from bot.channels.output import SourcedCollectingOutputChannel
from bot.channels.rest import guarded_message
from bot.paths import MODELS_DIR, ROOT
from bot.replies import Reply, reply_from_tracker


class ModelNotFound(Exception):
    """No trained model: the message says how to train one."""


class ActionServerError(RuntimeError):
    """The custom-action server could not be started."""


def quiet_libraries() -> None:
    """Rasa and TensorFlow log a lot at start-up; the commands print only results."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    warnings.filterwarnings("ignore")
    for name in ("rasa", "tensorflow", "absl", "urllib3", "sanic", "rasa_sdk", "py.warnings"):
        logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger().setLevel(logging.ERROR)
    # Rasa logs through structlog, which prints everything until it is configured.
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.ERROR)


def latest_model(path: Path = MODELS_DIR) -> Path:
    """A model file as given, or the newest model of a folder."""
    if path.is_file():
        return path
    models = sorted(path.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime) if path.is_dir() else []
    if not models:
        raise ModelNotFound(f"Aucun modèle entraîné dans {path}. Lancez d'abord : make train")
    return models[-1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_action_server(port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"},
    )


def wait_until_healthy(process: subprocess.Popen, port: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ActionServerError("Le serveur d'actions s'est arrêté au démarrage (python -m rasa_sdk).")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise ActionServerError(f"Le serveur d'actions ne répond pas après {timeout:.0f} s.")


class Assistant:
    """Use as a context manager: `with Assistant() as assistant: assistant.first_reply(...)`."""

    def __init__(self, model: Path = MODELS_DIR) -> None:
        self.model_path = latest_model(model)
        self._loop = asyncio.new_event_loop()
        self._actions: Optional[subprocess.Popen] = None
        self._agent = None
        self._store = None

    def __enter__(self) -> Assistant:
        quiet_libraries()
        from rasa.core.agent import Agent
        from rasa.core.tracker_store import InMemoryTrackerStore
        from rasa.shared.core.domain import Domain
        from rasa.utils.endpoints import EndpointConfig

        port = free_port()
        # The action server starts while the model loads: both take several seconds.
        self._actions = start_action_server(port)
        try:
            self._store = InMemoryTrackerStore(Domain.empty())
            self._agent = Agent.load(
                self.model_path,
                tracker_store=self._store,
                action_endpoint=EndpointConfig(f"http://127.0.0.1:{port}/webhook"),
            )
            wait_until_healthy(self._actions, port)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._actions and self._actions.poll() is None:
            self._actions.terminate()
            try:
                self._actions.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._actions.kill()
        self._loop.close()

    @property
    def model_name(self) -> str:
        return self.model_path.name

    def first_reply(self, text: str) -> Reply:
        """What a patient gets for `text` as the first message of a new conversation."""
        return self._loop.run_until_complete(self._first_reply(text))

    def first_replies(self, texts: Iterable[str]) -> Iterator[Reply]:
        for text in texts:
            yield self.first_reply(text)

    async def _first_reply(self, text: str) -> Reply:

        assert self._agent is not None, "use Assistant as a context manager"
        sender = f"local-{uuid.uuid4().hex}"
        output = SourcedCollectingOutputChannel()
        await self._agent.handle_message(guarded_message(text, sender, output, input_channel=None))
        reply = reply_from_tracker(output.messages, await self._store.retrieve(sender))
        # Each question is its own conversation: drop it so memory stays flat over big batches.
        self._store.store.pop(sender, None)
        return reply
