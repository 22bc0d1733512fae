"""Finding 4 of issue 13: a refused or cancelled callback form leaves no personal data behind."""

from __future__ import annotations

from tests.unit.privacy.conftest import callback_form, save, stored_data

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
    from tests.unit.privacy.conftest import user

    save(tracker_store, domain_slots, "web-1", [*events, user("et le prix ?")])
    assert "et le prix ?" in stored_data(tracker_store, "web-1")
