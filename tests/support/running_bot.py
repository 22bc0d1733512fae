"""The real assistant served for end-to-end tests, with its conversations readable back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Dict, Optional

from bot.engine.processes import free_port
from bot.engine.served import STARTUP_TIMEOUT, ServedAssistant

STAFF_TOKEN = "test-staff-token"
# The clinic's own web site in the browser tests: the one origin allowed to call the assistant (CORS).
CLINIC_SITE_PORT = free_port()
CLINIC_SITE = f"http://127.0.0.1:{CLINIC_SITE_PORT}"


class RunningBot(ServedAssistant):
    @classmethod
    def start(
        cls,
        workdir: Path,
        extra_env: Optional[Dict[str, str]] = None,
        endpoints: str = "endpoints.yml",
        timeout: float = STARTUP_TIMEOUT,
    ) -> RunningBot:
        """The assistant with the staff token the tests know."""
        env = {"CLINIC_STAFF_TOKEN": STAFF_TOKEN, "CHAT_ALLOWED_ORIGINS": CLINIC_SITE, **(extra_env or {})}
        return super().start(workdir, env, endpoints, timeout)

    def tracker(self, sender: str) -> Dict[str, Any]:
        """Reads the stored conversation straight from the SQLite tracker store."""
        with sqlite3.connect(self.env["TRACKER_DB"]) as connection:
            rows = connection.execute(
                "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
            ).fetchall()
        return {"events": [json.loads(row[0]) for row in rows]}
