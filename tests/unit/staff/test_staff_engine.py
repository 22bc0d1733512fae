"""The console's engine: one question, a new conversation, the Reply patients would get."""

from __future__ import annotations

from typing import List

from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.staff.engine import SENDER_PREFIX, STAFF_CHANNEL, staff_engine
from tests.support.staff_api import run_async

PARSE_DATA = {
    "intent": {"name": "faq", "confidence": 0.97},
    "intent_ranking": [{"name": "faq", "confidence": 0.97}],
    "response_selector": {
        "faq": {
            "response": {"intent_response_key": "faq/cost", "confidence": 0.8},
            "ranking": [
                {"intent_response_key": "faq/cost", "confidence": 0.8},
                {"intent_response_key": "faq/cost_total", "confidence": 0.15},
                {"intent_response_key": "faq/reimbursement", "confidence": 0.05},
            ],
        }
    },
}
ANSWER = {
    "text": "Le prix varie.\nSource : SSBM",
    "topic": "cost",
    "sources": [{"id": "ssbm", "passages": ["p"]}],
}


class FakeAgent:
    """Stands for the Rasa agent: stores the message as a tracker and answers once."""

    def __init__(self) -> None:
        self.store = InMemoryTrackerStore(Domain.empty())
        self.received: List[UserMessage] = []

    async def handle(self, message: UserMessage) -> None:
        self.received.append(message)
        tracker = DialogueStateTracker(message.sender_id, slots=[])
        tracker.update(
            UserUttered(message.text, PARSE_DATA["intent"], parse_data={"text": message.text, **PARSE_DATA})
        )
        await self.store.save(tracker)
        await message.output_channel.send_response(message.sender_id, ANSWER)


def test_each_question_is_a_new_staff_conversation_read_back_from_the_tracker():
    agent = FakeAgent()
    engine = staff_engine(agent.handle, agent.store)
    replies = run_async(engine.first_replies(["  combien   coûte une séance ?", "prix"]))
    first, second = agent.received
    assert first.sender_id.startswith(SENDER_PREFIX) and second.sender_id.startswith(SENDER_PREFIX)
    assert first.sender_id != second.sender_id
    assert first.input_channel == STAFF_CHANNEL
    # The same input guard as the patients' REST channel.
    assert first.text == "combien coûte une séance ?"
    reply = replies[0]
    assert (reply.topic, reply.intent, reply.confidence) == ("cost", "faq/cost", 0.8)
    assert [r["name"] for r in reply.ranking] == ["faq/cost", "faq/cost_total", "faq/reimbursement"]
    assert reply.sources == ANSWER["sources"]


def test_input_the_guard_refuses_goes_to_rasa_as_it_would_from_a_patient():
    agent = FakeAgent()
    run_async(staff_engine(agent.handle, agent.store).first_reply("<b>bonjour</b>"))
    assert agent.received[0].text.startswith("/bad_input")
    assert agent.received[0].metadata == {"original_text": "<b>bonjour</b>"}
