"""Concurrent patients on the REST channel of a real running assistant.

Usage: .venv/bin/python -m benchmarks.server_load [--patients 20] [--messages 5]
Starts `python -m bot run` on free ports (latest model), sends conversations from several
patients at once, prints latency percentiles, throughput, errors and the servers' memory.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.answer_latency import percentile
from bot.engine.served import ServedAssistant

CONVERSATION = [
    "bonjour",
    "c koi la mesotherapie",
    "ca fait mal ?",
    "combien ca coute une seance",
    "c rembourse par la secu ?",
    "merci au revoir",
]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, from /proc."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if status.parent.name == str(pid) or fields.get("PPid", "").strip() == str(pid):
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total / 1024


def patient(bot: ServedAssistant, index: int, messages: int) -> list:
    latencies = []
    for text in CONVERSATION[:messages]:
        before = time.perf_counter()
        bot.send(f"bench-{index}", text)
        latencies.append((time.perf_counter() - before) * 1000)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=20)
    parser.add_argument("--messages", type=int, default=len(CONVERSATION))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        bot = ServedAssistant.start(Path(workdir))
        try:
            bot.send("warm-up", "bonjour")
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.patients) as pool:
                results = list(pool.map(lambda i: patient(bot, i, args.messages), range(args.patients)))
            elapsed = time.perf_counter() - started
            memory = rss_mb(bot.process.pid)
        finally:
            bot.stop()
    latencies = [value for result in results for value in result]
    print(f"{args.patients} patients simultanés, {len(latencies)} messages en {elapsed:.1f} s : "
          f"{len(latencies) / elapsed:.1f} messages/s")
    print(f"latence (ms) : médiane {statistics.median(latencies):.0f}, p95 {percentile(latencies, 0.95):.0f}, "
          f"max {max(latencies):.0f}")
    print(f"mémoire des serveurs (Rasa + actions) : {memory:.0f} Mo")


if __name__ == "__main__":
    main()
