"""Time and memory to answer patient questions in-process (NLU, rules, custom actions).

Usage: .venv/bin/python -m benchmarks.answer_latency [FILE.csv] [--repeat N]
Prints model load time, per-question latency percentiles, throughput and peak memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

from bot.engine.local import LocalEngine
from bot.evaluation.questions import read_question_file
from bot.paths import ROOT


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def percentile(values: list, fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", type=Path, default=ROOT / "tests" / "data" / "heldout_questions.csv")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    questions = [q.text for q in read_question_file(args.file)] * args.repeat

    started = time.perf_counter()
    with LocalEngine() as engine:
        load_seconds = time.perf_counter() - started
        engine.first_reply("bonjour")  # warm-up: first call builds TensorFlow graphs
        latencies = []
        for text in questions:
            before = time.perf_counter()
            engine.first_reply(text)
            latencies.append((time.perf_counter() - before) * 1000)
    total = sum(latencies) / 1000
    print(f"modèle chargé en {load_seconds:.1f} s ({engine.model_name})")
    print(f"{len(latencies)} questions en {total:.1f} s : {len(latencies) / total:.1f} questions/s")
    print(
        f"latence par question (ms) : médiane {statistics.median(latencies):.0f}, "
        f"p95 {percentile(latencies, 0.95):.0f}, max {max(latencies):.0f}"
    )
    print(f"mémoire maximale du processus : {peak_memory_mb():.0f} Mo")


if __name__ == "__main__":
    main()
