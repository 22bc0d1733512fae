"""The reading actions run in the Rasa process; every other action still goes to the action server."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import Any, Dict, List

import aiohttp
import pytest
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import ActionExecutionRejection as RejectedBySdk

from bot.engine.in_process_actions import InProcessActions, in_process, run_reading_actions_in_process
from bot.paths import ROOT


def closed_port_url() -> str:
    """An action server that is not there: a call that reaches HTTP fails."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/webhook"


def test_the_emergency_reply_runs_without_the_action_server() -> None:
    domain = Domain.load(ROOT / "domain.yml")
    endpoint = InProcessActions(EndpointConfig(closed_port_url()))
    tracker = DialogueStateTracker.from_events("patient", [
        ActionExecuted("action_listen"),
        UserUttered("je n'arrive plus à respirer", {"name": "escalation_urgent", "confidence": 1.0},
                    parse_data={"red_flag": {"rule": "breathing_difficulty", "category": "urgent"}}),
    ])
    output = CollectingOutputChannel()

    events = asyncio.run(RemoteAction("action_emergency", endpoint).run(
        output, TemplatedNaturalLanguageGenerator(domain.responses), tracker, domain))

    [reply] = [event.text for event in events if hasattr(event, "text")]
    assert reply.startswith("Cela peut être une urgence.") and "15" in reply


def test_any_other_action_still_goes_to_the_action_server() -> None:
    endpoint = InProcessActions(EndpointConfig(closed_port_url()))
    call = {"next_action": "action_submit_callback", "tracker": {"sender_id": "patient", "events": []}}
    with pytest.raises(aiohttp.ClientError):
        asyncio.run(endpoint.request(json=call, method="post"))


def test_an_action_that_the_package_lacks_is_refused() -> None:
    with pytest.raises(ValueError, match="action_that_does_not_exist"):
        InProcessActions(EndpointConfig("http://127.0.0.1:5055/webhook"), names={"action_that_does_not_exist"})


def test_the_endpoints_file_gives_the_in_process_endpoint_with_its_address_and_secret(tmp_path: Path) -> None:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "action_endpoint:\n  url: http://127.0.0.1:5055/webhook\n  headers:\n    X-Action-Server-Secret: s3cret\n"
    )
    run_reading_actions_in_process()
    run_reading_actions_in_process()  # installed once, however often asked

    action = AvailableEndpoints.read_endpoints(str(endpoints)).action

    assert isinstance(action, InProcessActions)
    assert action.url == "http://127.0.0.1:5055/webhook" and action.headers == {"X-Action-Server-Secret": "s3cret"}
    assert in_process(action) is action and in_process(None) is None


class RejectingAction(Action):
    """An action that declines, as a form's validation may: other policies then predict."""

    def name(self) -> str:
        return "action_that_declines"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[Any]:
        raise RejectedBySdk(self.name(), "pas maintenant")


def test_a_rejection_in_process_is_rasa_s_own_rejection() -> None:
    endpoint = InProcessActions(EndpointConfig(closed_port_url()))
    endpoint.executor.register_action(RejectingAction())
    endpoint.names = endpoint.names | {"action_that_declines"}
    call = {"next_action": "action_that_declines", "tracker": {"sender_id": "patient", "events": []}}
    with pytest.raises(ActionExecutionRejection, match="pas maintenant"):
        asyncio.run(endpoint.request(json=call, method="post"))
