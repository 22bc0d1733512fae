"""The output channel of the REST channel and the engine: one bubble per message, metadata kept."""

from __future__ import annotations

import asyncio

from bot.engine.output import SourcedCollectingOutputChannel


def test_a_question_back_keeps_its_candidate_answers_and_their_confidence():
    output = SourcedCollectingOutputChannel()
    message = {
        "text": "Vouliez-vous dire :",
        "buttons": [{"title": "Prix", "payload": "/choose_faq"}],
        "topic": "clarify",
        "candidates": ["cost", "reimbursement"],
        "candidate_answers": [
            {"key": "faq/cost", "confidence": 0.35},
            {"key": "faq/reimbursement", "confidence": 0.3},
        ],
    }
    asyncio.run(output.send_response("patient-1", message))
    [collected] = output.messages
    assert collected == {"recipient_id": "patient-1", **message}
