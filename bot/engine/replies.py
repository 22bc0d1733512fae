"""What the patient got for one message, in the form `ask --json`, evaluation and staff use."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from bot.knowledge.topics import CLARIFY, FALLBACK, FAQ_INTENT, TOPIC_OF_INTENT
from bot.safety.emergency import RED_FLAG_KEY

if TYPE_CHECKING:
    from rasa.shared.core.trackers import DialogueStateTracker


@dataclass
class Reply:
    text: str
    topic: str
    intent: str
    confidence: float
    sources: List[Dict[str, Any]] = field(default_factory=list)
    candidates: List[str] = field(default_factory=list)  # topics, for "Vouliez-vous dire ... ?"
    messages: List[Dict[str, Any]] = field(default_factory=list)
    ranking: List[Dict[str, Any]] = field(default_factory=list)
    red_flag: Optional[Dict[str, Any]] = None
    # The answers proposed for the candidates, with the model's confidence in each.
    candidate_answers: List[Dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> Dict[str, Any]:
        data = asdict(self)
        data["buttons"] = [button for message in data.pop("messages") for button in message.get("buttons") or []]
        data.pop("candidate_answers")  # staff see them in the console; `ask --json` keeps its fields
        if self.topic != CLARIFY:
            data.pop("candidates")
        return data


def reply_from(messages: List[Dict[str, Any]], parse_data: Dict[str, Any]) -> Reply:
    """Builds the Reply from the bot's messages and the NLU result of the patient's message."""
    intent = parse_data.get("intent") or {}
    intent_name = intent.get("name") or ""
    confidence = float(intent.get("confidence") or 0.0)
    ranking = [
        {"name": r.get("name"), "confidence": round(float(r.get("confidence") or 0), 4)}
        for r in (parse_data.get("intent_ranking") or [])[:3]
    ]
    selector = (parse_data.get("response_selector") or {}).get(FAQ_INTENT) or {}
    if intent_name == FAQ_INTENT and selector.get("response"):
        intent_name = selector["response"].get("intent_response_key") or intent_name
        confidence = float(selector["response"].get("confidence") or 0.0)
        ranking = [
            {"name": r.get("intent_response_key"), "confidence": round(float(r.get("confidence") or 0), 4)}
            for r in (selector.get("ranking") or [])[:3]
        ]
    tagged = next((m for m in messages if m.get("topic")), {})
    topic = tagged.get("topic") or TOPIC_OF_INTENT.get(intent.get("name") or "", FALLBACK)
    sources = [source for message in messages for source in message.get("sources") or []]
    return Reply(
        text="\n\n".join(m["text"] for m in messages if m.get("text")),
        topic=topic,
        intent=intent_name,
        confidence=round(confidence, 4),
        sources=sources,
        candidates=list(tagged.get("candidates") or []),
        candidate_answers=list(tagged.get("candidate_answers") or []),
        messages=messages,
        ranking=ranking,
        red_flag=parse_data.get(RED_FLAG_KEY),
    )


def reply_from_tracker(messages: List[Dict[str, Any]], tracker: Optional[DialogueStateTracker]) -> Reply:
    """The Reply of a one-message conversation, from the bot's messages and the stored tracker."""
    parse_data = tracker.latest_message.parse_data if tracker and tracker.latest_message else {}
    return reply_from(messages, dict(parse_data))
