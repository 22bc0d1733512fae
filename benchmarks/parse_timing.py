"""One model's NLU in a process of its own: load time, parse time per message, memory, topics.

Usage: .venv/bin/python -m benchmarks.parse_timing MODEL.tar.gz [--repeat N]
Prints one JSON object (read by `make bench`); the dev-set texts stay in memory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path
from typing import Dict, List

from benchmarks.answer_latency import peak_memory_mb, percentile
from benchmarks.dev_set import parsed_topic, read_dev_set
from bot.engine.local import quiet_libraries
from bot.knowledge.training_data import faq_topic_of_answer, load_training_data


def current_memory_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


async def measure(model: Path, repeat: int) -> Dict[str, object]:
    from rasa.core.agent import Agent

    from bot.engine.rasa_server import install_fixes

    # As the served assistant loads a model; stock Rasa has no spaCy.
    install_fixes()

    texts = [q.text for q in read_dev_set()]
    started = time.perf_counter()
    agent = Agent.load(str(model))
    load_seconds = time.perf_counter() - started
    parses = [await agent.parse_message(text) for text in texts]  # also warms up
    timings: List[float] = []
    for _ in range(repeat):
        for text in texts:
            before = time.perf_counter()
            await agent.parse_message(text)
            timings.append((time.perf_counter() - before) * 1000)
    topic_of_answer = faq_topic_of_answer(load_training_data())
    return {
        "load_seconds": load_seconds,
        "parse_median_ms": statistics.median(timings),
        "parse_p95_ms": percentile(timings, 0.95),
        "rss_mb": current_memory_mb(),
        "peak_rss_mb": peak_memory_mb(),
        "topics": [parsed_topic(parse, topic_of_answer) for parse in parses],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    quiet_libraries()
    print(json.dumps(asyncio.run(measure(args.model, args.repeat))))


if __name__ == "__main__":
    main()
