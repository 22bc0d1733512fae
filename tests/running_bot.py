"""Starts the real assistant (`python -m bot run`) on free ports for end-to-end tests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

from bot.assistant import free_port, latest_model
from bot.paths import ROOT

STAFF_TOKEN = "test-staff-token"


@dataclass
class RunningBot:
    url: str
    process: subprocess.Popen
    workdir: Path
    env: Dict[str, str]

    def send(self, sender: str, message: Any, timeout: float = 60) -> List[Dict[str, Any]]:
        return self.post_json("/webhooks/rest/webhook", {"sender": sender, "message": message}, timeout)

    def post_json(self, path: str, body: Any, timeout: float = 60) -> Any:
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    def tracker(self, sender: str) -> Dict[str, Any]:
        """Reads the stored conversation straight from the SQLite tracker store."""
        import sqlite3

        with sqlite3.connect(self.env["TRACKER_DB"]) as connection:
            rows = connection.execute(
                "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
            ).fetchall()
        return {"events": [json.loads(row[0]) for row in rows]}


def start_bot(
    workdir: Path,
    extra_env: Optional[Dict[str, str]] = None,
    timeout: float = 240,
    endpoints: str = "endpoints.yml",
) -> RunningBot:
    model = latest_model()  # ModelNotFound says to run `make train`
    port, actions_port = free_port(), free_port()
    env = dict(os.environ)
    env.update(
        {
            "TRACKER_DB": str(workdir / "tracker.db"),
            "CLINIC_DATABASE_URL": f"sqlite:///{workdir / 'clinic.db'}",
            "CLINIC_STAFF_TOKEN": STAFF_TOKEN,
            "ACTION_ENDPOINT_URL": f"http://localhost:{actions_port}/webhook",
            "RASA_TELEMETRY_ENABLED": "false",
        }
    )
    env.update(extra_env or {})
    log = open(workdir / "bot.log", "w")  # noqa: SIM115 - kept open for the process's life
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--port", str(port), "--actions-port", str(actions_port),
         "--model", str(model), "--endpoints", endpoints],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    bot = RunningBot(f"http://localhost:{port}", process, workdir, env)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"L'assistant s'est arrêté au démarrage : voir {workdir / 'bot.log'}")
        try:
            urllib.request.urlopen(bot.url + "/webhooks/rest/", timeout=2).close()
            urllib.request.urlopen(f"http://localhost:{actions_port}/health", timeout=2).close()
            return bot
        except (urllib.error.URLError, OSError):
            time.sleep(1)
    stop_bot(bot)
    raise RuntimeError(f"L'assistant n'a pas démarré en {timeout:.0f} s : voir {workdir / 'bot.log'}")


def stop_bot(bot: RunningBot) -> None:
    if bot.process.poll() is None:
        os.killpg(bot.process.pid, signal.SIGINT)
        try:
            bot.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(bot.process.pid, signal.SIGKILL)
