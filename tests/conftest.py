"""Fixtures for every test: the shipped clinic settings, with a database of the test's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine.import_order import import_skops_before_rasa

# Before any test module imports Rasa (bot/engine/import_order.py says why).
import_skops_before_rasa()


@pytest.fixture(autouse=True)
def isolated_clinic_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Each test gets the shipped clinic.yml but its own database, and a fresh cache."""
    from bot.settings import load_settings

    monkeypatch.setenv("CLINIC_DATABASE_URL", f"sqlite:///{tmp_path / 'clinic.db'}")
    load_settings.cache_clear()
    yield
    load_settings.cache_clear()
