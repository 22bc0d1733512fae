"""What the events of an action that stops the callback form must say."""

from __future__ import annotations

CALLBACK_SLOTS = ["first_name", "phone", "time_slot", "callback_reason", "consent", "requested_slot"]


def assert_slots_forgotten(events):
    assert {e["name"]: e["value"] for e in events if e["event"] == "slot"} == dict.fromkeys(CALLBACK_SLOTS)


def assert_form_stopped_and_forgotten(events):
    assert any(e["event"] == "active_loop" and e["name"] is None for e in events)
    assert_slots_forgotten(events)
