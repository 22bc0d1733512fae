"""Rasa's lookup of an event's class by its type name, done once per name.

Rasa 3.6 finds the class of every stored event it reads back (`Event.resolve_by_type`) by
listing all subclasses of Event again, recursively, checking each for abstractness: about 30
classes walked for each of the tens of events of a conversation, at every message (tracker
store reads, the action server's replies). The classes do not change once imported: here the
first class with the name, as Rasa would find it, is kept in a dictionary.
"""

from __future__ import annotations

from typing import Dict, Optional, Type

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_resolve_by_listing = Event.resolve_by_type
_classes_by_name: Dict[str, Type[Event]] = {}


def event_class(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """Event.resolve_by_type, from the dictionary (filled again for a name it lacks)."""
    if type_name not in _classes_by_name:
        # Reversed: the first class Rasa's walk meets wins, as in Rasa.
        _classes_by_name.update({cls.type_name: cls for cls in reversed(all_subclasses(Event))})
    found = _classes_by_name.get(type_name)
    # Unknown names keep Rasa's own answer: the old "topic" events, the default, or its error.
    return found if found is not None else _resolve_by_listing(type_name, default)


def resolve_event_classes_once() -> None:
    """Every event read back in this process finds its class in the dictionary."""
    Event.resolve_by_type = staticmethod(event_class)
