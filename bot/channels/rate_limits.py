"""Per-key request budgets (a conversation, a client address) and the staff token lockout.

Kept in each server process's memory: with several instances behind a load balancer each
one counts on its own, so a client gets at most (instances x limit) requests a minute, which
still stops floods; the numbers are in clinic.yml (`limits`).
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from typing import Callable, Deque

from sanic.response import HTTPResponse

from bot.channels.http import error

WINDOW_SECONDS = 60.0
# Enough for every client of a busy clinic; the oldest keys are forgotten first.
MAX_KEYS = 50_000
TOO_MANY = "Trop de demandes en peu de temps : attendez une minute avant de réessayer."
LOCKED_OUT = "Trop de jetons incorrects depuis cette adresse : accès bloqué pour quelques minutes."


def too_many_requests(message: str = TOO_MANY, retry_after: float = WINDOW_SECONDS) -> HTTPResponse:
    answer = error(429, message)
    answer.headers["Retry-After"] = str(int(retry_after))
    return answer


class RateLimiter:
    """At most `limit` requests per key in any window of `window_seconds` (a sliding log)."""

    def __init__(
        self, limit: int, window_seconds: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self.clock = clock
        self.requests: OrderedDict[str, Deque[float]] = OrderedDict()

    def recent(self, key: str) -> Deque[float]:
        now = self.clock()
        times = self.requests.setdefault(key, deque())
        while times and times[0] <= now - self.window_seconds:
            times.popleft()
        self.requests.move_to_end(key)
        while len(self.requests) > MAX_KEYS:
            self.requests.popitem(last=False)
        return times

    def allow(self, key: str) -> bool:
        """Counts the request when it is allowed; a refused one does not use up the budget."""
        times = self.recent(key)
        if len(times) >= self.limit:
            return False
        times.append(self.clock())
        return True


class Lockout:
    """An address that sent `max_failures` wrong tokens in the window is refused for `seconds`."""

    def __init__(self, max_failures: int, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.failures = RateLimiter(max_failures, seconds, clock)

    def locked(self, address: str) -> bool:
        return len(self.failures.recent(address)) >= self.failures.limit

    def failed(self, address: str) -> None:
        self.failures.allow(address)
