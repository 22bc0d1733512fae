"""Callback requests in the clinic database (a fresh SQLite file per test)."""

from __future__ import annotations

import re
from datetime import timezone

import pytest

from bot.storage import callbacks
from bot.storage.callbacks import (
    UnknownReference,
    list_callbacks,
    mark_notification_failed,
    mark_notified,
    pending_notifications,
    save_callback,
    set_status,
)
from tests.support.callbacks import find_callback


def save(first_name="Sophie", conversation_id="conv-1"):
    return save_callback(
        conversation_id=conversation_id,
        first_name=first_name,
        phone_e164="+33612345678",
        time_slot="demain matin",
        reason="douleur au genou depuis la séance",
    )


def test_a_saved_request_has_a_short_reference_and_starts_new():
    request = save()
    assert re.fullmatch(r"RAP-[2-9A-HJKMNP-Z]{5}", request.reference)
    [stored] = list_callbacks()
    assert stored.reference == request.reference
    assert (stored.first_name, stored.phone_e164, stored.time_slot) == ("Sophie", "+33612345678", "demain matin")
    assert stored.reason == "douleur au genou depuis la séance"
    assert stored.conversation_id == "conv-1"
    assert stored.status == "new"
    assert stored.notified_at is None and stored.notify_attempts == 0
    assert stored.created_at_utc.tzinfo == timezone.utc


def test_a_reference_already_taken_is_drawn_again(monkeypatch):
    drawn = iter(["RAP-AAAAA", "RAP-AAAAA", "RAP-BBBBB"])
    monkeypatch.setattr(callbacks, "new_reference", lambda: next(drawn))
    assert save().reference == "RAP-AAAAA"
    assert save(conversation_id="conv-2").reference == "RAP-BBBBB"
    assert len(list_callbacks()) == 2


def test_list_is_newest_first_and_filters_by_status():
    first, second = save("Anne"), save("Paul")
    set_status(first.reference, "called")
    assert [r.first_name for r in list_callbacks()] == ["Paul", "Anne"]
    assert [r.reference for r in list_callbacks(status="called")] == [first.reference]
    assert [r.reference for r in list_callbacks(status="new")] == [second.reference]
    with pytest.raises(ValueError):
        list_callbacks(status="done")


def test_references_are_found_whatever_their_case_and_unknown_ones_refused():
    request = save()
    assert set_status(request.reference.lower(), "closed").status == "closed"
    assert find_callback(f" {request.reference.lower()} ").status == "closed"
    with pytest.raises(UnknownReference):
        set_status("RAP-ZZZZZ", "called")
    with pytest.raises(UnknownReference):
        find_callback("RAP-ZZZZZ")
    with pytest.raises(ValueError):
        set_status(request.reference, "archived")


def test_pending_notifications_until_staff_are_told():
    older, newer = save("Anne"), save("Paul")
    assert [r.reference for r in pending_notifications()] == [older.reference, newer.reference]
    failed = mark_notification_failed(older.reference)
    assert failed.notify_attempts == 1 and failed.notified_at is None
    notified = mark_notified(older.reference)
    assert notified.notify_attempts == 2 and notified.notified_at is not None
    assert [r.reference for r in pending_notifications()] == [newer.reference]


def test_the_same_request_sent_again_by_its_conversation_is_stored_once():
    # A retry after a database restart, or a patient who never saw the confirmation.
    first, again = save(), save()
    assert again.reference == first.reference
    assert len(list_callbacks()) == 1
    other_patient = save(first_name="Marc", conversation_id="conv-2")
    assert other_patient.reference != first.reference and len(list_callbacks()) == 2
