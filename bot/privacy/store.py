"""The tracker store an endpoints file names, opened outside the Rasa server (privacy commands)."""

from __future__ import annotations

import os
from typing import Dict

from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.utils.endpoints import read_endpoint_config

from bot.paths import ROOT


class NotAnSQLStore(Exception):
    """The endpoints file names a tracker store these commands cannot erase from."""


def open_tracker_store(endpoints: str, environment: Dict[str, str]) -> SQLTrackerStore:
    """`environment`: the variables endpoints.yml refers to (the server's defaults for `make run`)."""
    saved = dict(os.environ)
    os.environ.update(environment)
    try:
        config = read_endpoint_config(str(ROOT / endpoints), "tracker_store")
        store = TrackerStore.create(config)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    inner = getattr(store, "_tracker_store", store)
    if not isinstance(inner, SQLTrackerStore):
        raise NotAnSQLStore(f"{endpoints} : magasin de conversations non SQL ({type(inner).__name__})")
    return inner
