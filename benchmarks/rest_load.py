"""Patients talking to the real server over REST, as the widget does: latency, throughput, memory."""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence

from benchmarks.answer_latency import percentile
from bot.engine.served import ServedAssistant


@dataclass(frozen=True)
class Load:
    clients: int
    messages: int
    seconds: float
    median_ms: float
    p95_ms: float

    @property
    def per_second(self) -> float:
        return self.messages / self.seconds


def timed_send(bot: ServedAssistant, sender: str, text: str) -> float:
    before = time.perf_counter()
    bot.send(sender, text, timeout=120)
    return (time.perf_counter() - before) * 1000


def load(bot: ServedAssistant, clients: int, messages_each: int, texts: Sequence[str], run: str) -> Load:
    """`clients` patients at once, each with a conversation of its own, `messages_each` messages."""

    def patient(index: int) -> List[float]:
        sender = f"bench-{run}-{clients}-{index}"
        return [timed_send(bot, sender, texts[(index * messages_each + n) % len(texts)]) for n in range(messages_each)]

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        latencies = [value for result in pool.map(patient, range(clients)) for value in result]
    seconds = time.perf_counter() - started
    return Load(clients, len(latencies), seconds, statistics.median(latencies), percentile(latencies, 0.95))


def conversation_growth(bot: ServedAssistant, text: str, length: int, sample: int) -> Dict[int, float]:
    """Median latency of the first and of the last `sample` messages of one long conversation."""
    latencies = [timed_send(bot, "bench-long-conversation", text) for _ in range(length)]
    return {1: statistics.median(latencies[:sample]), length: statistics.median(latencies[-sample:])}


def process_memory_mb(root_pid: int) -> Dict[str, float]:
    """Resident memory of each server `python -m bot run` started, its own workers included."""
    parent, rss, command = {}, {}, {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            command[status.parent.name] = (status.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        parent[status.parent.name] = fields.get("PPid", "").strip()
        rss[status.parent.name] = int(fields.get("VmRSS", "0 kB").split()[0]) / 1024

    def server_of(pid: str) -> str:
        """The child of `root_pid` a process descends from ("" when none)."""
        while pid in parent and parent[pid] != str(root_pid):
            pid = parent[pid]
        return pid if pid in parent else ""

    memory: Dict[str, float] = {}
    for pid, size in rss.items():
        server = server_of(pid)
        if server:
            name = "actions" if "rasa_sdk" in command[server] or " actions " in command[server] else "rasa"
            memory[name] = memory.get(name, 0.0) + size
    return memory
