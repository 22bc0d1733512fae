"""Finding 4 of issue 13: a refused or cancelled callback form leaves no personal data behind."""

from __future__ import annotations

from tests.unit.privacy.conftest import action, bot, callback_form, save, slot, stored_data, user

PERSONAL = ("Sophie", "06 12 34 56 78", "+33612345678", "demain matin", "genou")


def test_nothing_is_erased_while_the_form_goes_on(tracker_store, domain_slots):
    turns = callback_form()
    save(tracker_store, domain_slots, "web-1", [event for turn in turns[:3] for event in turn])
    assert "Sophie" in stored_data(tracker_store, "web-1")


def test_a_refused_form_leaves_no_name_phone_or_reason(tracker_store, domain_slots):
    turns = callback_form()
    events = [event for turn in turns[:-1] for event in turn]
    save(tracker_store, domain_slots, "web-1", events)
    save(tracker_store, domain_slots, "web-1", events + turns[-1])
    stored = stored_data(tracker_store, "web-1")
    assert not [word for word in PERSONAL if word in stored]
    assert "bien sûr que non" not in stored
    # What came before the form (the request itself) and the events' order stay.
    assert "je veux etre rappele" in stored
    assert stored.count('"event": "user"') == 6


def test_a_later_turn_erases_nothing_more(tracker_store, domain_slots):
    turns = callback_form()
    events = [event for turn in turns for event in turn]
    save(tracker_store, domain_slots, "web-1", events)
    save(tracker_store, domain_slots, "web-1", [*events, user("et le prix ?")])
    assert "et le prix ?" in stored_data(tracker_store, "web-1")


def test_what_the_red_flag_detector_quoted_is_erased_too(tracker_store, domain_slots):
    """An emergency during the form no longer ends it: its message is erased with the others,
    and so are the words the detector quoted (the alarm reader quotes the whole message)."""
    turns = callback_form()
    emergency = user("douleur au genou apres injection", "escalation_urgent")
    emergency["parse_data"].update(
        red_flag={"rule": "alarm_reader", "category": "urgent", "matched": emergency["text"], "probability": 0.7},
        session_symptom="douleur au genou",
    )
    turns[3] = [user("demain matin"), slot("time_slot", "demain matin"), emergency,
                action("action_emergency"), bot("Cela peut être une urgence."), action("callback_form")]
    events = [event for turn in turns[:-1] for event in turn]
    save(tracker_store, domain_slots, "web-1", events)
    assert "genou" in stored_data(tracker_store, "web-1")
    save(tracker_store, domain_slots, "web-1", events + turns[-1])
    stored = stored_data(tracker_store, "web-1")
    assert not [word for word in PERSONAL if word in stored]
    # What the staff console counts stays: which rule raised the alarm, and how sure it was.
    assert '"rule": "alarm_reader"' in stored and '"probability": 0.7' in stored
