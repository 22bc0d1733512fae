"""FAQ answers (text + metadata) as Rasa gives them to the action server, and the messages built from them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Sequence

from bot.knowledge.answer_choice import (
    GENERAL_ANSWER_MIN_CONFIDENCE,
    RankedAnswer,
    choose_answer,
    ranking_from_parse_data,
)
from bot.knowledge.sources import cited_sources, source_line
from bot.knowledge.topics import CHOOSE_FAQ_INTENT, CLARIFY, COST, FAQ_PREFIX
from bot.safety.emergency import numbers_for, when_to_worry_lines
from bot.settings import ClinicSettings

Responses = Dict[str, list]
# The same button as the greeting's: a tap starts the callback form (rule "start a callback request").
CALLBACK_BUTTON = {"title": "Être rappelé par un médecin", "payload": "/request_callback"}


@dataclass(frozen=True)
class FaqAnswer:
    key: str
    text: str
    topic: str
    title: str
    sources: List[dict]
    follow_up: Optional[str] = None
    # The text says the clinic can call back: the message then carries the button that does it.
    offers_callback: bool = False
    # About what may follow an injection: the two when-to-worry lines are added by code, with the
    # emergency number of the clinic's country, never written into an answer.
    when_to_worry: bool = False
    # The message named suicidal thoughts calmly (over, someone else's): the prevention number too.
    prevention_line: bool = False


def utter_name(answer_key: str) -> str:
    return f"utter_{answer_key}"


def faq_answer(responses: Responses, answer_key: str) -> Optional[FaqAnswer]:
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
        offers_callback=bool(metadata.get("offers_callback")),
        when_to_worry=bool(metadata.get("when_to_worry")),
    )


def topic_lookup(responses: Responses) -> Callable[[str], Optional[str]]:
    def topic_of(answer_key: str) -> Optional[str]:
        answer = faq_answer(responses, answer_key)
        return answer.topic if answer else None

    return topic_of


def general_answer(parse_data: Dict[str, Any], responses: Responses) -> Optional[FaqAnswer]:
    """The FAQ answer on the subject of a personal question, when the ResponseSelector is sure enough."""
    choice = choose_answer(
        ranking_from_parse_data(parse_data), topic_lookup(responses), min_confidence=GENERAL_ANSWER_MIN_CONFIDENCE
    )
    return faq_answer(responses, choice.answer.key) if choice.answer else None


def clinic_prices_text(settings: ClinicSettings) -> str:
    if not settings.prices:
        return ""
    prices = " ; ".join(f"{p.label} : {p.price_eur:g} €" for p in settings.prices)
    return f"Tarifs pratiqués par {settings.name} : {prices}."


def answer_message(answer: FaqAnswer, settings: ClinicSettings, responses: Responses) -> Dict[str, Any]:
    """The message a patient receives: the answer, when to worry, its sources, and its buttons."""
    body = answer.text
    if answer.topic == COST and settings.prices:
        body = f"{clinic_prices_text(settings)} {body}"
    if answer.when_to_worry:
        body = "\n".join([body, *when_to_worry_lines(settings.country)])
    if answer.prevention_line:
        body = "\n".join([body, numbers_for(settings.country).suicide])
    line = source_line(source["id"] for source in answer.sources)
    buttons = [CALLBACK_BUTTON] if answer.offers_callback else []
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


def clarification_message(candidates: Sequence[RankedAnswer], responses: Responses) -> Dict[str, Any]:
    """ "Vouliez-vous dire ... ?" with a button per candidate answer; staff see their confidence."""
    found = [(c, a) for c, a in ((c, faq_answer(responses, c.key)) for c in candidates) if a]
    buttons = [choose_button(answer.title, answer.key) for _, answer in found]
    buttons.append({"title": "Autre chose", "payload": "/help"})
    return {
        "text": "Je ne suis pas sûr d'avoir bien compris. Vouliez-vous dire :",
        "buttons": buttons,
        "topic": CLARIFY,
        "candidates": [answer.topic for _, answer in found],
        "candidate_answers": [{"key": answer.key, "confidence": c.confidence} for c, answer in found],
    }


def choose_button(title: str, answer_key: str) -> Dict[str, str]:
    payload = json.dumps({"faq_key": answer_key}, separators=(",", ":"))
    return {"title": title, "payload": f"/{CHOOSE_FAQ_INTENT}{payload}"}
