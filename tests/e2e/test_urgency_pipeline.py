"""Emergencies through the whole trained NLU pipeline (classifier + red-flag rule), not the rule alone."""

from __future__ import annotations

import asyncio
import csv

import pytest

from bot.engine.local import quiet_libraries
from bot.engine.processes import latest_model
from bot.paths import ROOT
from bot.text.input_guard import prepare_text

pytestmark = pytest.mark.server

MAX_FALSE_EMERGENCY_RATE = 0.03


@pytest.fixture(scope="module")
def parsed():
    quiet_libraries()
    from rasa.core.agent import Agent

    agent = Agent.load(str(latest_model()))
    with open(ROOT / "tests" / "data" / "urgency_messages.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))

    async def parse_all():
        return [await agent.parse_message(prepare_text(row["text"]).text) for row in rows]

    loop = asyncio.new_event_loop()
    try:
        results = loop.run_until_complete(parse_all())
    finally:
        loop.close()
    return [
        (row["text"], row["urgent"] == "1", result["intent"]["name"])
        for row, result in zip(rows, results, strict=True)
    ]


def test_every_emergency_is_caught_and_few_false_alarms(parsed, capsys):
    urgent = [(text, intent) for text, is_urgent, intent in parsed if is_urgent]
    calm = [(text, intent) for text, is_urgent, intent in parsed if not is_urgent]
    missed = [text for text, intent in urgent if intent != "escalation_urgent"]
    false_alarms = [text for text, intent in calm if intent == "escalation_urgent"]
    recall = 1 - len(missed) / len(urgent)
    false_rate = len(false_alarms) / len(calm)
    with capsys.disabled():  # the figures belong in the CI log
        print(f"\nUrgences (modèle complet) : rappel {recall:.1%} ({len(urgent) - len(missed)}/{len(urgent)}), "
              f"fausses alertes {false_rate:.1%} ({len(false_alarms)}/{len(calm)})")
    assert not missed, f"urgences manquées : {missed}"
    assert false_rate <= MAX_FALSE_EMERGENCY_RATE, f"fausses alertes : {false_alarms}"
