"""How an answer reads in a messaging app: numbered choices, length limits, a short source line."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence

CHOICE_PROMPT = "Répondez par le numéro de votre choix."
# Long enough for two source labels, short enough to stay a single line on a phone.
MAX_SOURCE_LINE_CHARS = 140
ELLIPSIS = "…"

# The line the assistant's answers end with (see bot.knowledge.sources.source_line).
SOURCE_LINE = re.compile(r"\n[ \t]*(?P<line>Sources? : [^\n]+?)\s*$")

# From the coarsest cut to the finest: between lines, between sentences, between words.
CUTS = (
    re.compile(r"(\n)"),
    re.compile(r"((?<=[.!?…])[ \t]+)"),
    re.compile(r"([ \t]+)"),
)


def numbered_choices(buttons: Sequence[Dict[str, Any]], first_number: int = 1) -> str:
    """Buttons as a numbered list, for apps that cannot show them."""
    lines = [f"{number}. {button['title']}" for number, button in enumerate(buttons, start=first_number)]
    return "\n".join([*lines, CHOICE_PROMPT])


def shorten_source_line(line: str, max_chars: int = MAX_SOURCE_LINE_CHARS) -> str:
    """Keeps whole source labels while they fit and counts the others ("+2 autres")."""
    if len(line) <= max_chars:
        return line
    prefix, _, listed = line.partition(" : ")
    labels = listed.split(" ; ")
    for kept in range(len(labels), 0, -1):
        candidate = f"{prefix} : {' ; '.join(labels[:kept])}{others(len(labels) - kept)}"
        if len(candidate) <= max_chars:
            return candidate
    suffix = others(len(labels) - 1)
    room = max_chars - len(f"{prefix} : ") - len(ELLIPSIS) - len(suffix)
    return f"{prefix} : {cut_at_word(labels[0], room)}{ELLIPSIS}{suffix}"


def others(count: int) -> str:
    if not count:
        return ""
    return f" (+{count} autre{'s' if count > 1 else ''})"


def cut_at_word(text: str, max_chars: int) -> str:
    cut = text[: max(max_chars, 1)]
    if len(text) > len(cut) and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:«")


def with_short_source_line(text: str, max_chars: int = MAX_SOURCE_LINE_CHARS) -> str:
    """The answer with its sources on a last line of their own, shortened if needed."""
    text = text.strip()
    match = SOURCE_LINE.search(text)
    if not match:
        return text
    body = text[: match.start()].rstrip()
    return f"{body}\n{shorten_source_line(match.group('line'), max_chars)}"


def split_text(text: str, limit: int) -> List[str]:
    """Parts of at most `limit` characters, cut between lines, else sentences, else words."""
    text = text.strip()
    return [part for part in (p.strip() for p in cut(text, limit, CUTS)) if part] if text else []


def cut(text: str, limit: int, cuts: Sequence[re.Pattern]) -> List[str]:
    if len(text) <= limit:
        return [text]
    if not cuts:
        return [text[start : start + limit] for start in range(0, len(text), limit)]
    tokens = cuts[0].split(text)  # piece, separator, piece, separator, ...
    parts: List[str] = []
    current = ""
    for index in range(0, len(tokens), 2):
        piece, gap = tokens[index], tokens[index - 1] if index else ""
        if current and len(current) + len(gap) + len(piece) <= limit:
            current += gap + piece
            continue
        if current:
            parts.append(current)
        *complete, current = cut(piece, limit, cuts[1:])
        parts.extend(complete)
    parts.append(current)
    return parts


def readable_parts(text: str, limit: int, choices: Optional[str] = None) -> List[str]:
    """What a patient receives for one bot message: short source line, choices last, within the limit."""
    text = with_short_source_line(text)
    if choices:
        text = f"{text}\n\n{choices}" if text else choices
    return split_text(text, limit)
