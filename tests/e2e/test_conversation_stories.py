"""Runs Rasa's own test stories (tests/stories/) against the trained model and real actions."""

from __future__ import annotations

import secrets
import subprocess
import sys

import pytest

from bot.engine.action_server import ACTION_SECRET_HEADER
from bot.engine.local import start_action_server, wait_for_action_server
from bot.engine.processes import free_port, stop
from bot.paths import MODELS_DIR, ROOT

pytestmark = pytest.mark.server


def test_all_conversation_stories_pass(tmp_path):
    if not list(MODELS_DIR.glob("*.tar.gz")):
        pytest.fail("Aucun modèle entraîné : lancez `make train`.")
    port, secret = free_port(), secrets.token_urlsafe(32)
    actions = start_action_server(port, secret)
    try:
        wait_for_action_server(actions, port)
        endpoints = tmp_path / "endpoints.yml"
        endpoints.write_text(
            f"action_endpoint:\n  url: http://127.0.0.1:{port}/webhook\n  headers:\n"
            f"    {ACTION_SECRET_HEADER}: {secret}\n",
            encoding="utf-8",
        )
        result = subprocess.run(
            # Rasa's own `rasa test`, started as the server is (skops first, one spaCy model).
            [sys.executable, "-m", "bot.engine.rasa_server", "test", "core",
             "--stories", str(ROOT / "tests" / "stories"), "--model", str(MODELS_DIR),
             "--endpoints", str(endpoints), "--out", str(tmp_path / "results"),
             "--fail-on-prediction-errors", "--no-plot"],
            cwd=ROOT, capture_output=True, text=True, timeout=900,
        )
    finally:
        stop([actions], timeout=10)
    failed = tmp_path / "results" / "failed_test_stories.yml"
    details = failed.read_text(encoding="utf-8") if failed.exists() else result.stderr[-3000:]
    summary = [line for line in result.stdout.splitlines() + result.stderr.splitlines()
               if "Correct:" in line or "stories" in line.lower() and "correct" in line.lower()]
    print("\n".join(summary))
    assert result.returncode == 0, details
