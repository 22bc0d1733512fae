"""Emergencies through the whole trained NLU pipeline (classifier + red-flag rule), not the rule alone,
on tests/data/urgency_messages.csv and the blind set U1 (tests/data/README.md)."""

from __future__ import annotations

import asyncio

import pytest

from bot.engine.local import quiet_libraries
from bot.engine.processes import latest_model
from bot.evaluation.urgency import UrgencyFigures, read_urgency_cases, report_lines
from bot.paths import ROOT
from bot.text.input_guard import prepare_text

pytestmark = pytest.mark.server

MAX_FALSE_EMERGENCY_RATE = 0.03
URGENCY_CSVS = ["urgency_messages.csv", "blind_urgency_u1.csv"]


@pytest.fixture(scope="module")
def agent():
    quiet_libraries()
    from rasa.core.agent import Agent

    return Agent.load(str(latest_model()))


@pytest.fixture(scope="module", params=URGENCY_CSVS)
def figures(request, agent) -> UrgencyFigures:
    cases = read_urgency_cases(ROOT / "tests" / "data" / request.param)

    async def parse_all():
        return [await agent.parse_message(prepare_text(case.text).text) for case in cases]

    loop = asyncio.new_event_loop()
    try:
        results = loop.run_until_complete(parse_all())
    finally:
        loop.close()
    return UrgencyFigures(cases, [result["intent"]["name"] == "escalation_urgent" for result in results])


def test_every_emergency_is_caught_and_few_false_alarms(figures, capsys):
    with capsys.disabled():  # the figures belong in the CI log
        print("\n" + "\n".join(report_lines("modèle complet", figures, list_errors=False)))
    missed = [case.text for case in figures.missed]
    false_alarms = [case.text for case in figures.false_alarms]
    assert not missed, f"urgences manquées : {missed}"
    assert figures.false_alarm_rate <= MAX_FALSE_EMERGENCY_RATE, f"fausses alertes : {false_alarms}"
