"""Fixtures of the unit tests: real rasa_sdk trackers and dispatchers, and a clinic webhook."""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.paths import ROOT
from tests.support.webhook_receiver import WebhookReceiver, running_receiver


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


@pytest.fixture
def webhook_receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[WebhookReceiver]:
    """A receiver, set as the clinic's notify_webhook_url for this test."""
    from bot.settings import load_settings

    with running_receiver() as receiver:
        monkeypatch.setenv("CLINIC_NOTIFY_WEBHOOK_URL", receiver.url)
        load_settings.cache_clear()
        yield receiver
    load_settings.cache_clear()
