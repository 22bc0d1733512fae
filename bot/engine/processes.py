"""Starts, waits for and stops the servers: the action server, Rasa, or the whole assistant.

Used by `python -m bot run` (both servers), the local engine (its own action server), the
end-to-end tests and the load benchmark (`python -m bot run` on free ports).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from bot.paths import MODELS_DIR, ROOT

Command = List[str]


class ModelNotFound(Exception):
    """No trained model: the message says how to train one."""


def latest_model(path: Path = MODELS_DIR) -> Path:
    """A model file as given, or the newest model of a folder."""
    if path.is_file():
        return path
    models = sorted(path.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime) if path.is_dir() else []
    if not models:
        raise ModelNotFound(f"Aucun modèle entraîné dans {path}. Lancez d'abord : make train")
    return models[-1]


def free_port() -> int:
    """A port nothing listens on (yet)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def action_server_command(port: int, host: str = "127.0.0.1") -> Command:
    """The closed action server (bot.engine.action_server): it needs ACTION_SERVER_SECRET."""
    return [sys.executable, "-m", "bot", "actions", "--host", host, "--port", str(port)]


def rasa_server_command(port: int, model: Path, endpoints: str, cors_origins: Sequence[str]) -> Command:
    # `rasa run` itself, with Rasa's per-message costs cut first (bot/engine/rasa_server.py).
    return [
        sys.executable, "-m", "bot.engine.rasa_server", "run",
        "--model", str(model),
        "--endpoints", endpoints,
        "--credentials", "credentials.yml",
        "--port", str(port),
        # No origin at all by default: the demo page and the console are served from this server.
        *(["--cors", *cors_origins] if cors_origins else []),
    ]


def assistant_command(port: int, actions_port: int, model: Path, endpoints: str) -> Command:
    """`python -m bot run`: both servers, as a clinic starts them."""
    return [
        sys.executable, "-m", "bot", "run", "--port", str(port), "--actions-port", str(actions_port),
        "--model", str(model), "--endpoints", endpoints,
    ]


def start(
    command: Command, env: Optional[Dict[str, str]] = None, log: Optional[int] = None, own_session: bool = False
) -> subprocess.Popen:
    """From the repository root, so that relative paths (actions, credentials.yml) resolve.

    `log`: a file descriptor for both outputs (default: this process's); `own_session`: the
    server and what it starts are stopped together, as a process group.
    """
    output = subprocess.STDOUT if log is not None else None
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=output, start_new_session=own_session
    )


def wait_until_up(
    urls: Sequence[str], processes: Sequence[subprocess.Popen], timeout: float, interval: float = 1.0
) -> bool:
    """True once every URL answers; False when a process stops first or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            return False
        try:
            for url in urls:
                urllib.request.urlopen(url, timeout=2).close()
            return True
        except OSError:
            time.sleep(interval)
    return False


def stop(processes: Sequence[subprocess.Popen], timeout: float = 15) -> None:
    """Ctrl-C to each (Rasa and Sanic stop cleanly on it), then a kill after `timeout` seconds."""
    for process in processes:
        send(process, signal.SIGINT)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            send(process, signal.SIGKILL)
            process.wait()


def send(process: subprocess.Popen, sig: int) -> None:
    """To the whole group of a process started in its own session, else to the process alone."""
    if process.poll() is not None:
        return
    if os.getpgid(process.pid) == process.pid:
        os.killpg(process.pid, sig)
    else:
        process.send_signal(sig)
