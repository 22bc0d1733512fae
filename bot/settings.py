"""Clinic settings: clinic.yml, overridden field by field by CLINIC_* environment variables."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, List, Literal

import yaml
from pydantic import BaseModel, BaseSettings, ValidationError, validator

from bot.paths import CLINIC_FILE, ROOT


class SettingsError(Exception):
    """The settings file is missing, unreadable or invalid; the message says which field."""


class Price(BaseModel):
    label: str
    price_eur: float

    @validator("price_eur")
    def _positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("un prix doit être positif")
        return value


class ClinicSettings(BaseSettings):
    name: str = "Cabinet de mésothérapie"
    phone: str = ""
    address: str = ""
    opening_hours: str = ""
    booking_url: str = ""
    country: Literal["FR", "BE"] = "FR"
    prices: List[Price] = []
    database_url: str = "sqlite:///var/clinic.db"
    notify_webhook_url: str = ""
    notify_email: str = ""
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_sender: str = "assistant@localhost"
    staff_token: str = ""
    production: bool = False

    class Config:
        env_prefix = "CLINIC_"

        @classmethod
        def customise_sources(cls, init_settings: Any, env_settings: Any, file_secret_settings: Any) -> tuple:
            # The environment wins over the file, so that secrets never need to be in it.
            return env_settings, init_settings, file_secret_settings

    @property
    def resolved_database_url(self) -> str:
        """The database URL with a relative SQLite path anchored at the repository root."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and not self.database_url.startswith(prefix + "/"):
            return prefix + str(ROOT / self.database_url[len(prefix) :])
        return self.database_url


def settings_file() -> Path:
    return Path(os.environ.get("CLINIC_SETTINGS_FILE", CLINIC_FILE))


def read_settings(path: Path) -> ClinicSettings:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as error:
        raise SettingsError(f"Fichier de réglages introuvable : {path}") from error
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SettingsError(f"Fichier de réglages illisible ({path}) : {error}") from error
    if not isinstance(raw, dict):
        raise SettingsError(f"{path} doit contenir des paires « champ: valeur ».")
    try:
        return ClinicSettings(**raw)
    except ValidationError as error:
        raise SettingsError(f"Réglage invalide dans {path} :\n{error}") from error


@lru_cache(maxsize=1)
def load_settings() -> ClinicSettings:
    """The settings in force, read once per process."""
    return read_settings(settings_file())
