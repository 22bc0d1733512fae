"""The JSON the console's page shows: replies, flags, callbacks and model, for people to read."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from bot.engine.replies import Reply
from bot.knowledge.topics import ESCALATION_TOPICS, MIN_EXAMPLES_PER_TOPIC, topic_name
from bot.staff.catalogue import Catalogue, labels_in_order
from bot.storage.callbacks import CallbackRequest
from bot.storage.flags import AnswerFlag


def answer_view(key: str, confidence: Optional[float], catalogue: Catalogue) -> Dict[str, Any]:
    """An intent or FAQ answer key with what staff recognise it by: its title and topic."""
    topic = catalogue.topic_of(key)
    return {
        "key": key,
        "title": catalogue.title_of(key),
        "topic": topic,
        "topic_name": topic_name(topic) if topic else None,
        "confidence": confidence,
    }


def escalation_view(reply: Reply) -> Dict[str, Any]:
    red_flag = reply.red_flag or {}
    escalated = reply.topic in ESCALATION_TOPICS
    return {
        "fired": bool(red_flag) or escalated,
        "topic": reply.topic if escalated else None,
        "rule": red_flag.get("rule"),
        "category": red_flag.get("category"),
        # Set for an emergency found by the learned alarm reader rather than the word list.
        "probability": red_flag.get("probability"),
    }


def message_view(message: Dict[str, Any]) -> Dict[str, Any]:
    return {
        "text": message.get("text") or "",
        "buttons": [button.get("title") or "" for button in message.get("buttons") or []],
        "source_line": message.get("source_line") or "",
    }


def reply_view(question: str, reply: Reply, catalogue: Catalogue) -> Dict[str, Any]:
    """Everything the "try a question" panel shows: the patient's view, then why."""
    return {
        "question": question,
        "text": reply.text,
        "messages": [message_view(m) for m in reply.messages],
        "topic": reply.topic,
        "topic_name": topic_name(reply.topic),
        "answer": answer_view(reply.intent, reply.confidence, catalogue),
        "confidence": reply.confidence,
        # The first of the ranking is the answer given: the next two are what came close.
        "alternatives": [
            answer_view(r["name"] or "", r["confidence"], catalogue) for r in reply.ranking[1:3]
        ],
        # "Vouliez-vous dire ... ?": the answers proposed to the patient.
        "candidates": [answer_view(c["key"], c["confidence"], catalogue) for c in reply.candidate_answers],
        "escalation": escalation_view(reply),
        "sources": reply.sources,
    }


def flag_view(flag: AnswerFlag) -> Dict[str, Any]:
    return {
        "id": flag.id,
        "created_at": flag.created_at_utc.isoformat(),
        "question": flag.question,
        "answer_text": flag.answer_text,
        "answer_topic": flag.answer_topic,
        "answer_topic_name": topic_name(flag.answer_topic),
        "answer_intent": flag.answer_intent,
        "expected_topic": flag.expected_topic,
        "expected_topic_name": topic_name(flag.expected_topic),
        "expected_answer_key": flag.expected_answer_key,
        "comment": flag.comment,
        "model_version": flag.model_version,
    }


def callback_view(request: CallbackRequest) -> Dict[str, Any]:
    notified = request.notified_at_utc
    return {
        "reference": request.reference,
        "created_at": request.created_at_utc.isoformat(),
        "first_name": request.first_name,
        "phone": request.phone_e164,
        "time_slot": request.time_slot,
        "reason": request.reason,
        "status": request.status,
        "notified_at": notified.isoformat() if notified else None,
    }


def topics_view(catalogue: Catalogue) -> List[Dict[str, Any]]:
    """The topics a question may expect, each with its answers (for the flag form)."""
    return [
        {
            "topic": topic,
            "name": topic_name(topic),
            "examples": catalogue.examples_of(topic),
            "few_examples": catalogue.examples_of(topic) < MIN_EXAMPLES_PER_TOPIC,
            "answers": [{"key": a.key, "title": a.title} for a in catalogue.answers_of(topic)],
        }
        for topic in labels_in_order()
    ]
