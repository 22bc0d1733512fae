"""Callback requests: what a patient asked for, and whether staff were told."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import List, Optional

from sqlalchemy import CheckConstraint, Column, DateTime, Integer, String, Text, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.db import Base, as_utc, session_scope, utc_now

STATUSES = ("new", "called", "closed")
REFERENCE_PREFIX = "RAP-"
# No 0/O, 1/I/L: the patient may read the reference out over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 5
MAX_REFERENCE_ATTEMPTS = 10
# The same request from the same conversation within this time is the same request sent again
# (a retry after a database restart, or a confirmation the patient never received).
SAME_REQUEST_WINDOW = timedelta(minutes=15)


class UnknownReference(LookupError):
    """No callback request has this reference."""


class CallbackRequest(Base):
    __tablename__ = "callback_requests"
    __table_args__ = (CheckConstraint(f"status IN {STATUSES!r}", name="callback_status_known"),)

    id = Column(Integer, primary_key=True)
    reference = Column(String(16), unique=True, nullable=False, index=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    conversation_id = Column(String(128), nullable=False)
    first_name = Column(String(80), nullable=False)
    phone_e164 = Column(String(20), nullable=False)
    time_slot = Column(String(200), nullable=False)
    reason = Column(Text, nullable=False)
    status = Column(String(10), nullable=False, default="new", index=True)
    notified_at = Column(DateTime(timezone=True), nullable=True)
    notify_attempts = Column(Integer, nullable=False, default=0)

    @property
    def created_at_utc(self) -> datetime:
        return as_utc(self.created_at)

    @property
    def notified_at_utc(self) -> Optional[datetime]:
        return as_utc(self.notified_at)


def new_reference() -> str:
    return REFERENCE_PREFIX + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def save_callback(
    conversation_id: str, first_name: str, phone_e164: str, time_slot: str, reason: str, url: Optional[str] = None
) -> CallbackRequest:
    """Stores a request under a fresh reference (drawn again in the rare case it is taken), or
    returns the identical request this conversation stored moments ago: the clinic calls once."""
    with session_scope(url) as session:
        same = session.execute(select(CallbackRequest).where(
            CallbackRequest.conversation_id == conversation_id,
            CallbackRequest.first_name == first_name,
            CallbackRequest.phone_e164 == phone_e164,
            CallbackRequest.time_slot == time_slot,
            CallbackRequest.reason == reason,
            CallbackRequest.created_at >= utc_now() - SAME_REQUEST_WINDOW,
        )).scalars().first()
        if same is not None:
            session.expunge(same)
            return same
    for _ in range(MAX_REFERENCE_ATTEMPTS):
        request = CallbackRequest(
            reference=new_reference(),
            created_at=utc_now(),
            conversation_id=conversation_id,
            first_name=first_name,
            phone_e164=phone_e164,
            time_slot=time_slot,
            reason=reason,
            status="new",
            notify_attempts=0,
        )
        try:
            with session_scope(url) as session:
                session.add(request)
            return request
        except IntegrityError:
            continue
    raise RuntimeError("Impossible de trouver une référence de rappel libre.")


def list_callbacks(status: Optional[str] = None, url: Optional[str] = None) -> List[CallbackRequest]:
    """Newest first, optionally only one status."""
    query = select(CallbackRequest).order_by(CallbackRequest.created_at.desc(), CallbackRequest.id.desc())
    if status is not None:
        query = query.where(CallbackRequest.status == check_status(status))
    with session_scope(url) as session:
        return list(session.scalars(query))


def by_reference(session: Session, reference: str) -> CallbackRequest:
    request = session.scalar(
        select(CallbackRequest).where(CallbackRequest.reference == reference.strip().upper())
    )
    if request is None:
        raise UnknownReference(reference)
    return request


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise ValueError(f"Statut inconnu : {status} (attendu : {', '.join(STATUSES)})")
    return status


def set_status(reference: str, status: str, url: Optional[str] = None) -> CallbackRequest:
    check_status(status)
    with session_scope(url) as session:
        request = by_reference(session, reference)
        request.status = status
    return request


def pending_notifications(url: Optional[str] = None) -> List[CallbackRequest]:
    """Requests staff have not heard of yet, oldest first."""
    query = (
        select(CallbackRequest)
        .where(CallbackRequest.notified_at.is_(None))
        .order_by(CallbackRequest.created_at, CallbackRequest.id)
    )
    with session_scope(url) as session:
        return list(session.scalars(query))


def record_notification_attempt(reference: str, succeeded: bool, url: Optional[str] = None) -> CallbackRequest:
    with session_scope(url) as session:
        request = by_reference(session, reference)
        request.notify_attempts += 1
        if succeeded:
            request.notified_at = utc_now()
    return request


def mark_notified(reference: str, url: Optional[str] = None) -> CallbackRequest:
    """Staff were told (one more attempt, the successful one)."""
    return record_notification_attempt(reference, succeeded=True, url=url)


def mark_notification_failed(reference: str, url: Optional[str] = None) -> CallbackRequest:
    """Staff could not be told: the request stays pending for the next retry."""
    return record_notification_attempt(reference, succeeded=False, url=url)
