"""Reads one callback request back from the clinic database, as a test checks it."""

from __future__ import annotations

from typing import Optional

from bot.storage.callbacks import CallbackRequest, by_reference
from bot.storage.db import session_scope


def find_callback(reference: str, url: Optional[str] = None) -> CallbackRequest:
    with session_scope(url) as session:
        return by_reference(session, reference)
