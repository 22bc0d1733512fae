"""Who is answering, said at first contact on every channel (EU AI Act, article 50).

The widget opens with the greeting, which says it. A patient who starts on WhatsApp or
Messenger with a question gets the answer first: the actions that can give a first reply add
this notice to it, once, when the conversation has no bot message yet.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable

FIRST_CONTACT_NOTICE = (
    "Je suis l'assistant automatique du cabinet, un programme et non une personne : je donne des "
    "informations générales, sans diagnostic ni avis sur votre cas."
)


def is_first_contact(events: Iterable[Dict[str, Any]]) -> bool:
    """No bot message yet in this conversation: the patient has not been told who answers."""
    return not any(event.get("event") == "bot" for event in events)


def with_first_contact_notice(message: Dict[str, Any], events: Iterable[Dict[str, Any]]) -> Dict[str, Any]:
    """The message with the notice as its last paragraph, above its sources line if it has one."""
    if not is_first_contact(events):
        return message
    text = message.get("text") or ""
    line = message.get("source_line") or ""
    if line and text.endswith(line):
        body = text[: -len(line)].rstrip("\n")
        return {**message, "text": f"{body}\n\n{FIRST_CONTACT_NOTICE}\n{line}"}
    return {**message, "text": f"{text}\n\n{FIRST_CONTACT_NOTICE}" if text else FIRST_CONTACT_NOTICE}
