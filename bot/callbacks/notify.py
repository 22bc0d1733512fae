"""Tells staff about a new callback request: JSON webhook and/or e-mail, retried until it works.

The request is always stored before anyone is notified, so a notification that fails
loses nothing: the request keeps `notified_at` empty and `retry_pending_notifications`
sends it again (after the next request, or with `python -m bot callbacks retry-notify`).
"""

from __future__ import annotations

import json
import logging
import smtplib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any, Dict, List, Optional

from bot.callbacks.phone import readable_phone
from bot.settings import ClinicSettings, load_settings
from bot.storage.callbacks import (
    CallbackRequest,
    mark_notification_failed,
    mark_notified,
    pending_notifications,
)

logger = logging.getLogger(__name__)

# Short: the patient is waiting for the confirmation while the action server notifies.
TIMEOUT_SECONDS = 5
SMTPS_PORT = 465


class NotificationError(Exception):
    """A configured channel (webhook or e-mail) did not accept the notification."""


def channels_configured(settings: ClinicSettings) -> bool:
    return bool(settings.notify_webhook_url or settings.notify_email)


def notification_payload(request: CallbackRequest) -> Dict[str, Any]:
    """Everything staff need to call the patient back, and nothing more."""
    return {
        "event": "callback_request",
        "reference": request.reference,
        "created_at": request.created_at_utc.isoformat(),
        "first_name": request.first_name,
        "phone": request.phone_e164,
        "time_slot": request.time_slot,
        "reason": request.reason,
    }


def post_webhook(url: str, payload: Dict[str, Any]) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    http_request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json; charset=utf-8"}, method="POST"
    )
    try:
        with urllib.request.urlopen(http_request, timeout=TIMEOUT_SECONDS):  # non-2xx raises HTTPError
            pass
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise NotificationError(f"webhook : {error}") from error


def email_message(request: CallbackRequest, settings: ClinicSettings) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"Demande de rappel {request.reference} : {request.first_name}"
    message["From"] = settings.smtp_sender
    message["To"] = settings.notify_email
    message.set_content(
        f"Nouvelle demande de rappel reçue par l'assistant de {settings.name}.\n\n"
        f"Référence : {request.reference}\n"
        f"Reçue le : {request.created_at_utc:%d/%m/%Y à %H:%M} (UTC)\n"
        f"Prénom : {request.first_name}\n"
        f"Téléphone : {readable_phone(request.phone_e164)}\n"
        f"Créneau souhaité : {request.time_slot}\n"
        f"Motif : {request.reason}\n\n"
        f"Une fois le patient rappelé : python -m bot callbacks status {request.reference} called\n"
    )
    return message


def send_email(message: EmailMessage, settings: ClinicSettings) -> None:
    smtp_class = smtplib.SMTP_SSL if settings.smtp_port == SMTPS_PORT else smtplib.SMTP
    try:
        with smtp_class(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS) as smtp:
            smtp.ehlo()
            if smtp_class is smtplib.SMTP and smtp.has_extn("starttls"):
                smtp.starttls()
                smtp.ehlo()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        raise NotificationError(f"e-mail : {error}") from error


def notify_staff(request: CallbackRequest, settings: ClinicSettings) -> None:
    """Tries every configured channel; raises NotificationError if any of them failed."""
    errors: List[str] = []
    if settings.notify_webhook_url:
        try:
            post_webhook(settings.notify_webhook_url, notification_payload(request))
        except NotificationError as error:
            errors.append(str(error))
    if settings.notify_email:
        try:
            send_email(email_message(request, settings), settings)
        except NotificationError as error:
            errors.append(str(error))
    if errors:
        raise NotificationError(" ; ".join(errors))


def deliver(request: CallbackRequest, settings: Optional[ClinicSettings] = None) -> bool:
    """Notifies staff of one request and records the outcome. Never raises: the request is safe."""
    settings = settings or load_settings()
    if not channels_configured(settings):
        # Staff read requests in the console; they stay pending for when a channel is set up.
        return False
    try:
        notify_staff(request, settings)
    except Exception as error:  # whatever went wrong, the request is stored and will be retried
        logger.warning(
            "Notification de la demande %s impossible, nouvel essai plus tard : %s", request.reference, error
        )
        record_attempt(request.reference, succeeded=False)
        return False
    record_attempt(request.reference, succeeded=True)
    return True


def record_attempt(reference: str, succeeded: bool) -> None:
    try:
        (mark_notified if succeeded else mark_notification_failed)(reference)
    except Exception:  # the database hiccupped: the request stays pending, which is safe
        logger.exception("Impossible d'enregistrer l'envoi de la notification %s", reference)


def notify_new_request(request: CallbackRequest) -> None:
    """Tells staff of a new request, then of older ones still pending if the channels work again."""
    if deliver(request):
        retry_pending_notifications()


@dataclass
class RetryReport:
    sent: List[str] = field(default_factory=list)
    failed: List[str] = field(default_factory=list)


def retry_pending_notifications(settings: Optional[ClinicSettings] = None) -> RetryReport:
    """Sends again every request staff have not heard of, oldest first."""
    settings = settings or load_settings()
    report = RetryReport()
    if not channels_configured(settings):
        return report
    for request in pending_notifications():
        (report.sent if deliver(request, settings) else report.failed).append(request.reference)
    return report
