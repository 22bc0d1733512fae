"""Shared fixtures: real rasa_sdk trackers and dispatchers for action unit tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.paths import ROOT


@pytest.fixture(autouse=True)
def isolated_clinic_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Each test gets the shipped clinic.yml but its own database, and a fresh cache."""
    from bot.settings import load_settings

    monkeypatch.setenv("CLINIC_DATABASE_URL", f"sqlite:///{tmp_path / 'clinic.db'}")
    load_settings.cache_clear()
    yield
    load_settings.cache_clear()


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    """The domain as Rasa sends it to the action server: domain.yml plus the FAQ responses."""
    merged = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for path in sorted((ROOT / "data").rglob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        merged["responses"].update(content.get("responses") or {})
    return merged


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def make_tracker() -> Callable[..., Tracker]:
    def make(
        text: str = "",
        intent: str = "faq",
        confidence: float = 1.0,
        entities: Optional[List[Dict[str, Any]]] = None,
        slots: Optional[Dict[str, Any]] = None,
        events: Optional[List[Dict[str, Any]]] = None,
        active_loop: Optional[str] = None,
        **parse_data: Any,
    ) -> Tracker:
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "entities": entities or [],
            **parse_data,
        }
        return Tracker(
            sender_id="test-patient",
            slots=slots or {},
            latest_message=latest,
            events=events or [],
            paused=False,
            followup_action=None,
            active_loop={"name": active_loop} if active_loop else {},
            latest_action_name=None,
        )

    return make


@pytest.fixture(scope="session")
def running_bot(tmp_path_factory: pytest.TempPathFactory):
    """The trained assistant served on free ports, shared by all end-to-end tests."""
    from tests.running_bot import start_bot, stop_bot

    bot = start_bot(tmp_path_factory.mktemp("running-bot"))
    yield bot
    stop_bot(bot)
