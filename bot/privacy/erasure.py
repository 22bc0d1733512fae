"""Erasing a patient's data on request, and everything older than the retention period.

A patient is found by a conversation id, a phone number (callback requests, WhatsApp/SMS
conversations) or a callback reference (RAP-XXXXX). Erased: the conversations in the
tracker store, the callback requests, the ratings given in those conversations, and the
answers staff flagged whose question is one the patient typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import List, Optional, Set

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import or_

from bot.callbacks.phone import normalise_phone
from bot.privacy.conversations import conversations_idle_since, delete_conversations, user_texts
from bot.settings import load_settings
from bot.storage.callbacks import CallbackRequest
from bot.storage.db import session_scope, utc_now
from bot.storage.flags import AnswerFlag
from bot.storage.ratings import AnswerRating

REFERENCE = re.compile(r"RAP-[0-9A-Z]{5}", re.IGNORECASE)


@dataclass
class Erased:
    conversations: int = 0
    callbacks: List[str] = field(default_factory=list)  # their references
    ratings: int = 0
    flags: int = 0

    def summary(self) -> str:
        references = f" ({', '.join(self.callbacks)})" if self.callbacks else ""
        return (
            f"conversations : {self.conversations}, demandes de rappel : {len(self.callbacks)}{references}, "
            f"avis : {self.ratings}, signalements : {self.flags}"
        )


@dataclass(frozen=True)
class Patient:
    """What identifies a patient's data: conversations, and callback requests by phone or reference."""

    sender_ids: Set[str]
    phone: Optional[str] = None
    reference: Optional[str] = None


def identify(identifier: str, url: Optional[str] = None) -> Patient:
    identifier = identifier.strip()
    if REFERENCE.fullmatch(identifier):
        reference = identifier.upper()
        with session_scope(url) as session:
            senders = {r.conversation_id for r in session.query(CallbackRequest).filter_by(reference=reference)}
        return Patient(senders, reference=reference)
    phone = normalise_phone(identifier, load_settings().country) if not identifier.startswith("web-") else None
    if phone is not None:
        with session_scope(url) as session:
            senders = {r.conversation_id for r in session.query(CallbackRequest).filter_by(phone_e164=phone)}
        # WhatsApp and SMS conversations are named after the number itself.
        return Patient(senders | {phone, f"whatsapp:{phone}"}, phone=phone)
    return Patient({identifier})


def forget(identifier: str, store: SQLTrackerStore, url: Optional[str] = None) -> Erased:
    patient = identify(identifier, url)
    typed = user_texts(store, patient.sender_ids)
    erased = Erased(conversations=delete_conversations(store, patient.sender_ids))
    with session_scope(url) as session:
        matches = [CallbackRequest.conversation_id.in_(patient.sender_ids)]
        if patient.phone:
            matches.append(CallbackRequest.phone_e164 == patient.phone)
        if patient.reference:
            matches.append(CallbackRequest.reference == patient.reference)
        requests = session.query(CallbackRequest).filter(or_(*matches))
        erased.callbacks = sorted(r.reference for r in requests)
        requests.delete(synchronize_session=False)
        ratings = session.query(AnswerRating).filter(AnswerRating.sender_id.in_(patient.sender_ids))
        erased.ratings = ratings.delete(synchronize_session=False)
        if typed:
            erased.flags = (
                session.query(AnswerFlag).filter(AnswerFlag.question.in_(typed)).delete(synchronize_session=False)
            )
    return erased


def purge(older_than_days: int, store: SQLTrackerStore, url: Optional[str] = None) -> Erased:
    """Erases whatever is older than `older_than_days` days (conversations: by their last message)."""
    cutoff: datetime = utc_now() - timedelta(days=older_than_days)
    erased = Erased(conversations=delete_conversations(store, conversations_idle_since(store, cutoff.timestamp())))
    with session_scope(url) as session:
        requests = session.query(CallbackRequest).filter(CallbackRequest.created_at < cutoff)
        erased.callbacks = sorted(r.reference for r in requests)
        requests.delete(synchronize_session=False)
        erased.ratings = (
            session.query(AnswerRating).filter(AnswerRating.created_at < cutoff).delete(synchronize_session=False)
        )
        erased.flags = (
            session.query(AnswerFlag).filter(AnswerFlag.created_at < cutoff).delete(synchronize_session=False)
        )
    return erased
