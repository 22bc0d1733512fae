"""The real assistant served for end-to-end tests, with its conversations readable back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Dict, Optional

from bot.engine.served import STARTUP_TIMEOUT, ServedAssistant

STAFF_TOKEN = "test-staff-token"


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
        return super().start(workdir, {"CLINIC_STAFF_TOKEN": STAFF_TOKEN, **(extra_env or {})}, endpoints, timeout)

    def tracker(self, sender: str) -> Dict[str, Any]:
        """Reads the stored conversation straight from the SQLite tracker store."""
        with sqlite3.connect(self.env["TRACKER_DB"]) as connection:
            rows = connection.execute(
                "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
            ).fetchall()
        return {"events": [json.loads(row[0]) for row in rows]}
