"""Finding 7 of issue 13: numbered choices survive a restart and are shared between instances
(Redis on 127.0.0.1:6379; skipped, saying so, where it is absent)."""

from __future__ import annotations

import socket
import uuid

import pytest

from bot.channels.numbered_replies import NumberedReplies
from bot.channels.shared_numbered_replies import SharedNumberedReplies, numbered_replies
from bot.settings import load_settings

REDIS_URL = "redis://127.0.0.1:6379/15"
MENU = [{"title": "Prix", "payload": "/help"}, {"title": "Rappel", "payload": "/request_callback"}]


@pytest.fixture
def redis_url() -> str:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("Redis absent sur 127.0.0.1:6379 : choix partagés non testés")
    return REDIS_URL


def test_a_choice_offered_by_one_instance_is_read_by_another(redis_url):
    sender = f"whatsapp:+336{uuid.uuid4().int % 10**8:08d}"
    first, second = SharedNumberedReplies(redis_url), SharedNumberedReplies(redis_url)
    assert first.offer(sender, MENU) == 1
    assert first.offer(sender, MENU[:1]) == 3  # one bot turn numbers its choices one after the other
    assert second.take_answer(sender, "2") == "/request_callback"
    assert first.take_answer(sender, "2") is None  # the offer ended with the patient's answer


def test_the_clinic_setting_chooses_the_store(redis_url, monkeypatch):
    assert isinstance(numbered_replies(), NumberedReplies)
    monkeypatch.setenv("CLINIC_REDIS_URL", redis_url)
    load_settings.cache_clear()
    assert isinstance(numbered_replies(), SharedNumberedReplies)
