"""The trained assistant loaded in this process, with its own action server.

`ask`, `evaluate` and the latency benchmark use it, so what they show is exactly what a
patient gets as the first message of a new conversation (see bot.engine.core).
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import subprocess
import warnings
from pathlib import Path
from typing import Iterable, Iterator, Optional

from bot.engine.action_server import ACTION_SECRET_HEADER, SECRET_VARIABLE
from bot.engine.core import FirstReplies
from bot.engine.processes import action_server_command, free_port, latest_model, start, stop, wait_until_up
from bot.engine.replies import Reply
from bot.paths import MODELS_DIR, ROOT

ACTION_SERVER_TIMEOUT = 90


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


def start_action_server(port: int, secret: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false", SECRET_VARIABLE: secret}
    return start(action_server_command(port), env, log=subprocess.DEVNULL)


def wait_for_action_server(process: subprocess.Popen, port: int) -> None:
    if wait_until_up([f"http://127.0.0.1:{port}/health"], [process], ACTION_SERVER_TIMEOUT, interval=0.2):
        return
    if process.poll() is not None:
        raise ActionServerError("Le serveur d'actions s'est arrêté au démarrage (python -m rasa_sdk).")
    stop([process])
    raise ActionServerError(f"Le serveur d'actions ne répond pas après {ACTION_SERVER_TIMEOUT} s.")


class LocalEngine:
    """Use as a context manager: `with LocalEngine() as engine: engine.first_reply(...)`."""

    def __init__(self, model: Path = MODELS_DIR) -> None:
        self.model_path = latest_model(model)
        self._loop = asyncio.new_event_loop()
        self._actions: Optional[subprocess.Popen] = None
        self._core: Optional[FirstReplies] = None

    def __enter__(self) -> LocalEngine:
        quiet_libraries()
        from rasa.core.agent import Agent
        from rasa.core.tracker_store import InMemoryTrackerStore
        from rasa.shared.core.domain import Domain
        from rasa.utils.endpoints import EndpointConfig

        from bot.engine.in_process_actions import in_process
        from bot.engine.rasa_server import install_fixes

        install_fixes()  # as in the served assistant
        port, secret = free_port(), secrets.token_urlsafe(32)
        # The action server starts while the model loads: both take several seconds.
        self._actions = start_action_server(port, secret)
        try:
            store = InMemoryTrackerStore(Domain.empty())
            agent = Agent.load(
                self.model_path,
                tracker_store=store,
                action_endpoint=in_process(
                    EndpointConfig(f"http://127.0.0.1:{port}/webhook", headers={ACTION_SECRET_HEADER: secret})
                ),
            )
            wait_for_action_server(self._actions, port)
        except BaseException:
            self.close()
            raise
        # Each question is its own conversation: dropped once read, so memory stays flat over big batches.
        self._core = FirstReplies(
            agent.handle_message, store, None, "local-", lambda sender: store.store.pop(sender, None)
        )
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._actions is not None:
            stop([self._actions], timeout=10)
        self._loop.close()

    @property
    def model_name(self) -> str:
        return self.model_path.name

    def first_reply(self, text: str) -> Reply:
        """What a patient gets for `text` as the first message of a new conversation."""
        assert self._core is not None, "use LocalEngine as a context manager"
        return self._loop.run_until_complete(self._core.first_reply(text))

    def first_replies(self, texts: Iterable[str]) -> Iterator[Reply]:
        for text in texts:
            yield self.first_reply(text)
