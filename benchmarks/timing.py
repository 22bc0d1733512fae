"""The median time of one call, over every item of a set, pass after pass."""

from __future__ import annotations

import statistics
import time
from typing import Callable, List, Sequence, TypeVar

Item = TypeVar("Item")


def median_call_ms(call: Callable[[Item], object], items: Sequence[Item], repeat: int) -> float:
    times: List[float] = []
    for _ in range(repeat):
        for item in items:
            started = time.perf_counter()
            call(item)
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
