"""Cleans what a patient typed before Rasa sees it, and names what cannot be answered.

Every channel calls `prepare_text` (through `bot.text.guarded_message`), so the web widget,
the messaging apps and the `ask` command treat the same input the same way; the explanations
a patient gets for what cannot be read are here too.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from bot.knowledge.topics import BAD_INPUT, CHOOSE_FAQ_INTENT

# Long enough for a detailed question, short enough to keep NLU fast.
MAX_MESSAGE_CHARS = 2000
# What is kept of a rejected message in the conversation history (nothing is lost
# for staff, but a pasted book does not bloat the database).
MAX_STORED_CHARS = 100_000

# Zero-width and bidirectional controls: the latter (U+202A-202E, U+2066-2069) make stored text
# read backwards on screen ("right-to-left override").
INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\ufeff"
             "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
# A tag name may be followed by a space or a slash: "<svg/onload=...>" is a tag for a browser.
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*([\s/][^<>]*)?/?\s*>")
HAS_WORD_CHARACTER = re.compile(r"[^\W_]")

# The only commands a patient may send: the payloads of the assistant's own buttons.
# Anything else that starts with "/" (e.g. "/restart" or '/inform{"phone": ...}') would be
# taken by Rasa as an intent at confidence 1.0, so it is read as plain text instead.
BUTTON_INTENTS = {CHOOSE_FAQ_INTENT, "help", "affirm", "deny", "request_callback", "cancel", "greet"}
BUTTON_ENTITY_VALUE = re.compile(r"^[a-z0-9_/]{1,64}$")
BUTTON_PAYLOAD = re.compile(r"^/(?P<intent>[a-z_]+)(?P<entities>\{.*\})?$", re.DOTALL)


@dataclass(frozen=True)
class PreparedText:
    """What goes to Rasa, and why, when the patient's text itself cannot."""

    text: str
    problem: Optional[str] = None

    @property
    def is_button_payload(self) -> bool:
        return self.problem is None and self.text.startswith("/")


def normalise(text: str) -> str:
    """NFKC, no zero-width or control characters, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(INVISIBLE)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs", "Co") else ch for ch in text)
    return " ".join(text.split())


def is_button_payload(text: str) -> bool:
    match = BUTTON_PAYLOAD.match(text)
    if not match or match.group("intent") not in BUTTON_INTENTS:
        return False
    if not match.group("entities"):
        return True
    try:
        entities = json.loads(match.group("entities"))
    except json.JSONDecodeError:
        return False
    return (
        isinstance(entities, dict)
        and set(entities) <= {"faq_key"}
        and all(isinstance(v, str) and BUTTON_ENTITY_VALUE.match(v) for v in entities.values())
    )


def problem_payload(problem: str) -> str:
    return f"/{BAD_INPUT}" + json.dumps({"input_problem": problem})


def prepare_text(raw: object) -> PreparedText:
    """Turns anything a channel received into the text Rasa should handle."""
    if not isinstance(raw, str):
        return PreparedText(problem_payload("empty"), "empty")
    replacement_chars = raw.count("\ufffd")
    text = normalise(raw)
    if not text:
        return PreparedText(problem_payload("empty"), "empty")
    if replacement_chars > max(3, len(raw) // 10):
        return PreparedText(problem_payload("unreadable"), "unreadable")
    if len(text) > MAX_MESSAGE_CHARS:
        return PreparedText(problem_payload("too_long"), "too_long")
    if HTML_TAG.search(text):
        return PreparedText(problem_payload("html"), "html")
    if not HAS_WORD_CHARACTER.search(text):
        return PreparedText(problem_payload("no_text"), "no_text")
    if text.startswith("/"):
        if is_button_payload(text):
            return PreparedText(text)
        text = text.lstrip("/").strip() or text
        if not HAS_WORD_CHARACTER.search(text):
            return PreparedText(problem_payload("no_text"), "no_text")
    return PreparedText(text)


def stored_original(raw: object) -> Optional[str]:
    """The patient's own text as kept in the conversation history."""
    return raw[:MAX_STORED_CHARS] if isinstance(raw, str) else None


# What action_explain_bad_input says for each problem `prepare_text` names.
EXPLANATIONS = {
    "empty": (
        "Votre message est vide. Écrivez votre question sur la mésothérapie, "
        "par exemple « Est-ce que ça fait mal ? »."
    ),
    "too_long": (
        f"Votre message est trop long pour moi (plus de {MAX_MESSAGE_CHARS} caractères). "
        "Pouvez-vous résumer votre question en une ou deux phrases ?"
    ),
    "html": "Votre message contient du code (HTML), que je ne lis pas. Écrivez votre question en texte simple.",
    "no_text": "Je ne lis que du texte : pouvez-vous écrire votre question avec des mots ?",
    "unreadable": "Je n'arrive pas à lire ce message (caractères illisibles). Pouvez-vous le réécrire ?",
}


def explanation(problem: str) -> str:
    return EXPLANATIONS.get(problem, EXPLANATIONS["no_text"])
