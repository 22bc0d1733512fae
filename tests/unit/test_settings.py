"""Clinic settings: the shipped file, environment overrides and clear errors."""

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings, read_settings


def test_shipped_settings_are_valid_and_neutral():
    settings = read_settings(Path("clinic.yml"))
    assert settings.country == "FR"
    assert settings.staff_token == ""  # never a default password in the repository
    assert settings.prices == []


def test_environment_overrides_the_file(monkeypatch):
    monkeypatch.setenv("CLINIC_PHONE", "01 23 45 67 89")
    monkeypatch.setenv("CLINIC_COUNTRY", "BE")
    load_settings.cache_clear()
    settings = load_settings()
    assert settings.phone == "01 23 45 67 89"
    assert settings.country == "BE"


def test_relative_sqlite_url_is_anchored_at_the_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("CLINIC_DATABASE_URL", "sqlite:///var/x.db")
    load_settings.cache_clear()
    url = load_settings().resolved_database_url
    assert url.startswith("sqlite:////") and url.endswith("/var/x.db")


def test_prices_are_read(tmp_path):
    path = tmp_path / "clinic.yml"
    path.write_text("prices:\n  - label: Séance\n    price_eur: 60\n", encoding="utf-8")
    assert read_settings(path).prices[0].price_eur == 60


@pytest.mark.parametrize(
    "content, message",
    [
        ("country: DE\n", "country"),
        ("prices:\n  - label: x\n    price_eur: -3\n", "prix doit être positif"),
        ("- a\n- b\n", "paires"),
        ("name: [unclosed\n", "illisible"),
    ],
)
def test_invalid_settings_name_the_problem(tmp_path, content, message):
    path = tmp_path / "clinic.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError, match=message):
        read_settings(path)


def test_missing_settings_file(tmp_path):
    with pytest.raises(SettingsError, match="introuvable"):
        read_settings(tmp_path / "absent.yml")
