"""Reads FAQ responses (text + metadata) as Rasa gives them to the action server."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from bot.settings import ClinicSettings
from bot.sources import cited_sources, source_line

FAQ_PREFIX = "faq/"


@dataclass(frozen=True)
class FaqAnswer:
    key: str
    text: str
    topic: str
    title: str
    sources: List[dict]
    follow_up: Optional[str] = None
    buttons: List[dict] = field(default_factory=list)


def utter_name(answer_key: str) -> str:
    return f"utter_{answer_key}"


def faq_answer(responses: Dict[str, list], answer_key: str) -> Optional[FaqAnswer]:
    variations = responses.get(utter_name(answer_key)) or []
    if not answer_key.startswith(FAQ_PREFIX) or not variations:
        return None
    # FAQ answers are reviewed texts: always the first variation, never a random one.
    response = variations[0]
    metadata = response.get("metadata") or {}
    return FaqAnswer(
        key=answer_key,
        text=" ".join(response.get("text", "").split()),
        topic=metadata.get("topic", ""),
        title=metadata.get("title", answer_key),
        sources=cited_sources(metadata.get("sources") or []),
        follow_up=metadata.get("follow_up"),
    )


def topic_lookup(responses: Dict[str, list]):
    def topic_of(answer_key: str) -> Optional[str]:
        answer = faq_answer(responses, answer_key)
        return answer.topic if answer else None

    return topic_of


def clinic_prices_text(settings: ClinicSettings) -> str:
    if not settings.prices:
        return ""
    prices = " ; ".join(f"{p.label} : {p.price_eur:g} €" for p in settings.prices)
    return f"Tarifs pratiqués par {settings.name} : {prices}."


def answer_message(answer: FaqAnswer, settings: ClinicSettings, responses: Dict[str, list]) -> dict:
    """The message a patient receives: the answer, its sources, and a follow-up button."""
    body = answer.text
    if answer.topic == "cost" and settings.prices:
        body = f"{clinic_prices_text(settings)} {body}"
    line = source_line(source["id"] for source in answer.sources)
    buttons = []
    follow_up = faq_answer(responses, answer.follow_up) if answer.follow_up else None
    if follow_up:
        buttons.append(choose_button(f"En savoir plus : {follow_up.title}", follow_up.key))
    return {
        "text": f"{body}\n{line}" if line else body,
        "buttons": buttons,
        "topic": answer.topic,
        "answer_key": answer.key,
        "sources": answer.sources,
        "source_line": line,
    }


def choose_button(title: str, answer_key: str) -> dict:
    return {"title": title, "payload": '/choose_faq' + json.dumps({"faq_key": answer_key}, separators=(",", ":"))}
