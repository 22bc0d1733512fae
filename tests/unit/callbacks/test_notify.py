"""Staff notifications: webhook and e-mail, and the retry of those that failed."""

from __future__ import annotations

import asyncore
import smtpd
import threading
from email import message_from_bytes
from email.policy import default as default_policy

import pytest

from bot.callbacks.notify import deliver, notify_new_request, retry_pending_notifications
from bot.engine.processes import free_port
from bot.settings import load_settings
from bot.storage.callbacks import list_callbacks, pending_notifications, save_callback
from tests.support.webhook_receiver import closed_port_url


def save(first_name="Sophie"):
    return save_callback(
        conversation_id="conv-1",
        first_name=first_name,
        phone_e164="+33612345678",
        time_slot="demain matin",
        reason="douleur au genou",
    )


def stored(reference):
    return next(r for r in list_callbacks() if r.reference == reference)


def test_webhook_gets_what_staff_need_to_call_back(webhook_receiver):
    request = save()
    assert deliver(request) is True
    [payload] = webhook_receiver.received
    assert payload == {
        "event": "callback_request",
        "reference": request.reference,
        "created_at": request.created_at_utc.isoformat(),
        "first_name": "Sophie",
        "phone": "+33612345678",
        "time_slot": "demain matin",
        "reason": "douleur au genou",
    }
    after = stored(request.reference)
    assert after.notified_at is not None and after.notify_attempts == 1


def test_a_failed_webhook_keeps_the_request_pending_then_the_retry_sends_it(webhook_receiver):
    webhook_receiver.status = 500
    request = save()
    assert deliver(request) is False
    after = stored(request.reference)
    assert after.notified_at is None and after.notify_attempts == 1

    webhook_receiver.status = 200
    report = retry_pending_notifications()
    assert report.sent == [request.reference] and report.failed == []
    assert [p["reference"] for p in webhook_receiver.received] == [request.reference]
    assert pending_notifications() == []


def test_an_unreachable_webhook_does_not_raise(monkeypatch):
    monkeypatch.setenv("CLINIC_NOTIFY_WEBHOOK_URL", closed_port_url())
    load_settings.cache_clear()
    request = save()
    assert deliver(request) is False
    assert retry_pending_notifications().failed == [request.reference]
    assert stored(request.reference).notify_attempts == 2


def test_without_any_channel_requests_stay_pending_untouched():
    request = save()
    assert deliver(request) is False
    assert stored(request.reference).notify_attempts == 0
    assert [r.reference for r in pending_notifications()] == [request.reference]


def test_a_new_request_also_sends_older_pending_ones_once_the_webhook_works(webhook_receiver):
    webhook_receiver.status = 500
    older = save("Anne")
    notify_new_request(older)
    webhook_receiver.status = 200
    newer = save("Paul")
    notify_new_request(newer)
    assert [p["reference"] for p in webhook_receiver.received] == [newer.reference, older.reference]
    assert pending_notifications() == []


def test_while_the_webhook_is_down_older_requests_are_not_retried_again(webhook_receiver):
    webhook_receiver.status = 500
    older, newer = save("Anne"), save("Paul")
    notify_new_request(older)
    notify_new_request(newer)
    assert stored(older.reference).notify_attempts == 1
    assert stored(newer.reference).notify_attempts == 1


class RecordingSmtpServer(smtpd.SMTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), None, decode_data=False)
        self.messages = []

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        self.messages.append((rcpttos, message_from_bytes(data, policy=default_policy)))


@pytest.fixture
def smtp_server(monkeypatch):
    server = RecordingSmtpServer()
    thread = threading.Thread(target=asyncore.loop, kwargs={"timeout": 0.05}, daemon=True)
    thread.start()
    monkeypatch.setenv("CLINIC_NOTIFY_EMAIL", "secretariat@cabinet.example")
    monkeypatch.setenv("CLINIC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CLINIC_SMTP_PORT", str(server.socket.getsockname()[1]))
    load_settings.cache_clear()
    yield server
    server.close()
    thread.join()


def test_email_reaches_the_clinic_with_the_callback_details(smtp_server):
    request = save()
    assert deliver(request) is True
    [(recipients, message)] = smtp_server.messages
    assert recipients == ["secretariat@cabinet.example"]
    assert request.reference in message["Subject"]
    body = message.get_content()
    assert "Sophie" in body and "+33 6 12 34 56 78" in body
    assert "demain matin" in body and "douleur au genou" in body
    assert stored(request.reference).notified_at is not None


def test_a_refused_email_is_retried_later(monkeypatch):
    monkeypatch.setenv("CLINIC_NOTIFY_EMAIL", "secretariat@cabinet.example")
    monkeypatch.setenv("CLINIC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CLINIC_SMTP_PORT", str(free_port()))
    load_settings.cache_clear()
    request = save()
    assert deliver(request) is False
    assert [r.reference for r in pending_notifications()] == [request.reference]
