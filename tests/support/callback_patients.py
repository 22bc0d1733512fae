"""Patients who ask to be called back, over HTTP through the load balancer, as the widget does.

Each one gets a conversation id from the server, then answers whatever the assistant asks
(first name, phone, time, reason, consent) until it reads its request's reference. A failed
request (refused connection, 5xx, timeout) is sent again after a pause, like the widget; a
request that got a 200 is "acknowledged": its message must be in the conversation store.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, List, Optional, Tuple

REFERENCE = re.compile(r"Votre numéro de demande : (RAP-\w{5})")
# What the assistant asks, most specific first, and what the patient answers.
ANSWERS = [
    ("acceptez", "/affirm"),
    ("sujet", "une question sur ma derniere seance"),
    ("quand", "demain matin"),
    ("numéro", "06 12 34 56 78"),
    ("prénom", "Sophie"),
]
MAX_MESSAGES = 40


@dataclass
class Failure:
    at: float
    what: str


@dataclass
class Patient:
    base_url: str
    number: int
    sender: str = ""
    acknowledged: int = 0
    reference: Optional[str] = None
    failures: List[Failure] = field(default_factory=list)

    def post(self, path: str, body: Any, deadline: float) -> Optional[Any]:
        """The decoded answer, after as many tries as the deadline allows."""
        pause = 0.5
        while time.monotonic() < deadline:
            request = urllib.request.Request(self.base_url + path, data=json.dumps(body).encode(),
                                             headers={"Content-Type": "application/json"}, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    return json.loads(response.read())
            except urllib.error.HTTPError as error:
                self.failures.append(Failure(time.monotonic(), f"HTTP {error.code}"))
            except OSError as error:
                self.failures.append(Failure(time.monotonic(), type(error).__name__))
            time.sleep(pause)
            pause = min(pause * 2, 4)
        return None

    def next_message(self, replies: List[dict]) -> Optional[str]:
        text = "\n".join(reply.get("text") or "" for reply in replies)
        found = REFERENCE.search(text)
        if found:
            self.reference = found.group(1)
            return None
        lowered = text.lower()
        for question, answer in ANSWERS:
            if question in lowered:
                return answer
        # Anything else (a technical problem, an unexpected answer): ask to be called back again.
        return "/request_callback"

    def run(self, deadline: float) -> None:
        issued = self.post("/chat/conversation", {}, deadline)
        if not issued:
            return
        self.sender = issued["sender"]
        message: Optional[str] = "/request_callback"
        for _ in range(MAX_MESSAGES):
            if message is None:
                return
            replies = self.post("/webhooks/rest/webhook", {"sender": self.sender, "message": message}, deadline)
            if replies is None:
                return
            self.acknowledged += 1
            message = self.next_message(replies)


def failures_between(patients: List[Patient], window: Tuple[float, float]) -> int:
    return sum(1 for p in patients for f in p.failures if window[0] <= f.at <= window[1])
