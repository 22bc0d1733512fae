"""Event classes found by name from a dictionary: the same classes and errors as Rasa's walk."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

from bot.engine.event_types import _resolve_by_listing, event_class


@pytest.mark.parametrize("cls", all_subclasses(Event), ids=lambda cls: cls.__name__)
def test_every_event_name_finds_the_class_rasa_finds(cls: type) -> None:
    assert event_class(cls.type_name) is _resolve_by_listing(cls.type_name)


def test_unknown_names_keep_rasa_s_answers() -> None:
    assert event_class("topic") is None
    assert event_class("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        event_class("no_such_event")


def test_stored_events_read_back_alike() -> None:
    stored = [UserUttered("bonjour", {"name": "greet"}).as_dict(), ActionExecuted("action_listen").as_dict()]
    assert [event_class(e["event"])._from_parameters(e) for e in stored] == [  # type: ignore[union-attr]
        Event.from_parameters(e) for e in stored
    ]
