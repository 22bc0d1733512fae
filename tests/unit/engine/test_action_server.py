"""Finding 1 of issue 13: the action server only serves the Rasa server that knows the secret."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, Optional, Tuple

import pytest

from bot.engine.action_server import ACTION_SECRET_HEADER, SECRET_VARIABLE
from bot.engine.processes import action_server_command, free_port, start, stop, wait_until_up
from bot.storage.callbacks import list_callbacks

SECRET = "s" * 40
FORGED_NAME = "N" * 5000
FORGED_CALL = {
    "next_action": "action_submit_callback",
    "sender_id": "attacker",
    "version": "3.6.21",
    "domain": {},
    "tracker": {
        "sender_id": "attacker",
        "slots": {
            "first_name": FORGED_NAME, "phone": '=HYPERLINK("http://x")', "time_slot": "demain",
            "callback_reason": "r" * 100_000, "consent": True,
        },
        "latest_message": {"text": "oui", "intent": {"name": "affirm"}},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": None,
    },
}


@pytest.fixture(scope="module")
def action_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tuple[str, str]]:
    database = f"sqlite:///{tmp_path_factory.mktemp('actions') / 'clinic.db'}"
    port = free_port()
    env = {**os.environ, SECRET_VARIABLE: SECRET, "CLINIC_DATABASE_URL": database}
    process = start(action_server_command(port), env, log=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    if not wait_until_up([url + "/health"], [process], 90, interval=0.2):
        stop([process])
        pytest.fail("the action server did not start")
    yield url, database
    stop([process])


def post(url: str, body: bytes, headers: Optional[Dict[str, str]] = None) -> Tuple[int, Any]:
    request = urllib.request.Request(url + "/webhook", data=body, headers=headers or {}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Content-Type": "application/json"}, 401),
        ({"Content-Type": "text/plain"}, 401),  # what any web page can send without a preflight
        ({"Content-Type": "application/json", ACTION_SECRET_HEADER: "wrong" * 8}, 403),
    ],
)
def test_a_call_without_the_secret_runs_nothing(action_server, headers, status):
    url, database = action_server
    code, body = post(url, json.dumps(FORGED_CALL).encode(), headers)
    assert code == status
    assert FORGED_NAME not in body
    assert list_callbacks(url=database) == []


def test_even_with_the_secret_forged_slots_are_not_stored(action_server):
    url, database = action_server
    code, body = post(url, json.dumps(FORGED_CALL).encode(), {ACTION_SECRET_HEADER: SECRET})
    assert code == 200
    assert "problème technique" in json.loads(body)["responses"][0]["text"]
    assert list_callbacks(url=database) == []


def test_errors_do_not_echo_the_request(action_server):
    url, _ = action_server
    broken = {**FORGED_CALL, "tracker": "Sophie +33612345678"}
    code, body = post(url, json.dumps(broken).encode(), {ACTION_SECRET_HEADER: SECRET})
    assert code >= 400
    assert "Sophie" not in body and "33612345678" not in body and "request_body" not in body


def listening_addresses(port: int) -> set:
    """Local addresses with a socket listening on `port` (Linux /proc/net/tcp, state 0A)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_it_listens_on_the_loopback_interface_only(action_server):
    url, _ = action_server
    assert listening_addresses(int(url.rsplit(":", 1)[1])) == {"0100007F"}  # 127.0.0.1
