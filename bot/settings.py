"""Clinic settings: clinic.yml, overridden field by field by CLINIC_* environment variables."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, List, Literal

import yaml
from pydantic import BaseModel, BaseSettings, ValidationError, root_validator, validator

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


class Limits(BaseModel):
    """How much one conversation or one client address may ask per minute (then a French 429)."""

    messages_per_conversation: int = 20
    requests_per_address: int = 120
    ratings_per_conversation: int = 30
    staff_requests_per_address: int = 120
    # Wrong staff tokens from one address before it is locked out, and for how long.
    staff_failures_before_lockout: int = 10
    staff_lockout_minutes: int = 15

    @validator("*")
    def _positive(cls, value: int) -> int:
        if value <= 0:
            raise ValueError("une limite doit être un entier positif")
        return value


MIN_PRODUCTION_SECRET_CHARS = 32


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
    # Signs the conversation ids the server gives the widget (see bot.channels.sender_ids).
    conversation_secret: str = ""
    # Development only: the REST channel also takes ids it did not issue (curl examples).
    accept_unsigned_senders: bool = False
    # Web sites allowed to call the widget's routes from a browser (CORS); none by default.
    allowed_origins: List[str] = []
    # Proxies in front of the server (nginx...): how many X-Forwarded-For entries to trust.
    trusted_proxies: int = 0
    # Conversations, callback requests, ratings and flags older than this are erased daily.
    retention_days: int = 180
    limits: Limits = Limits()
    # Redis shared by several instances (numbered choices of the messaging apps); empty: in memory.
    redis_url: str = ""

    class Config:
        env_prefix = "CLINIC_"

        @classmethod
        def customise_sources(cls, init_settings: Any, env_settings: Any, file_secret_settings: Any) -> tuple:
            # The environment wins over the file, so that secrets never need to be in it.
            return env_settings, init_settings, file_secret_settings

    @validator("retention_days")
    def _retention_positive(cls, value: int) -> int:
        if value <= 0:
            raise ValueError("la durée de conservation doit être d'au moins un jour")
        return value

    @root_validator(skip_on_failure=True)
    def _production_secrets(cls, values: dict) -> dict:
        if not values.get("production"):
            return values
        if values.get("accept_unsigned_senders"):
            raise ValueError("accept_unsigned_senders est réservé au développement (production: true)")
        for field in ("staff_token", "conversation_secret"):
            value = values.get(field) or ""
            # An empty staff token closes the console; a conversation secret is always needed.
            if (value or field == "conversation_secret") and len(value) < MIN_PRODUCTION_SECRET_CHARS:
                raise ValueError(
                    f"en production, {field} (CLINIC_{field.upper()}) doit contenir au moins "
                    f"{MIN_PRODUCTION_SECRET_CHARS} caractères"
                )
        return values

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
