"""The real assistant (`python -m bot run`) served on free ports from a scratch folder.

The end-to-end tests and the load benchmark talk to it over HTTP, as the widget does. Its
conversations and clinic data go to SQLite files in the folder, unless `extra_env` says
otherwise (the production stores, for instance).
"""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Type, TypeVar

from bot.engine.processes import Command, assistant_command, free_port, latest_model, start, stop, wait_until_up

Served = TypeVar("Served", bound="ServedAssistant")
STARTUP_TIMEOUT = 240


def launch(command: Command, env: Dict[str, str], log: Path, mode: str) -> subprocess.Popen:
    with log.open(mode) as output:  # the child keeps its own copy of the file open
        return start(command, env, log=output.fileno(), own_session=True)


@dataclass
class ServedAssistant:
    url: str
    process: subprocess.Popen
    workdir: Path
    env: Dict[str, str]
    command: Command
    health: List[str]  # the URLs that answer once both servers are up

    @classmethod
    def start(
        cls: Type[Served],
        workdir: Path,
        extra_env: Optional[Dict[str, str]] = None,
        endpoints: str = "endpoints.yml",
        timeout: float = STARTUP_TIMEOUT,
    ) -> Served:
        model = latest_model()  # ModelNotFound says to run `make train`
        port, actions_port = free_port(), free_port()
        env = {
            **os.environ,
            "TRACKER_DB": str(workdir / "tracker.db"),
            "CLINIC_DATABASE_URL": f"sqlite:///{workdir / 'clinic.db'}",
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook",
            "RASA_TELEMETRY_ENABLED": "false",
            # Tests and benchmarks name their conversations themselves (REST's development switch)
            # and all come from 127.0.0.1: the budgets are those of a busy clinic's proxy.
            "CLINIC_ACCEPT_UNSIGNED_SENDERS": "true",
            "CLINIC_LIMITS": json.dumps(
                {"messages_per_conversation": 1000, "requests_per_address": 100_000,
                 "staff_requests_per_address": 100_000, "staff_failures_before_lockout": 1000}
            ),
            **(extra_env or {}),
        }
        url = f"http://localhost:{port}"
        command = assistant_command(port, actions_port, model, endpoints)
        health = [url + "/webhooks/rest/", f"http://127.0.0.1:{actions_port}/health"]
        served = cls(url, launch(command, env, workdir / "bot.log", "w"), workdir, env, command, health)
        served.wait_until_up(timeout)
        return served

    def restart(self, timeout: float = STARTUP_TIMEOUT) -> None:
        """Stopped, then started again on the same ports and stores, as after a reboot."""
        self.stop()
        self.process = launch(self.command, self.env, self.workdir / "bot.log", "a")
        self.wait_until_up(timeout)

    def wait_until_up(self, timeout: float) -> None:
        if wait_until_up(self.health, [self.process], timeout):
            return
        log = self.workdir / "bot.log"
        if self.process.poll() is not None:
            raise RuntimeError(f"L'assistant s'est arrêté au démarrage : voir {log}")
        self.stop()
        raise RuntimeError(f"L'assistant n'a pas démarré en {timeout:.0f} s : voir {log}")

    def stop(self) -> None:
        stop([self.process], timeout=30)

    def send(self, sender: str, message: Any, timeout: float = 60) -> List[Dict[str, Any]]:
        """The replies a patient gets on the REST channel."""
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
