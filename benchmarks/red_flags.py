"""CPU time of the red-flag reading per message, spaCy excluded (its doc is parsed first).

Usage: .venv/bin/python -m benchmarks.red_flags [--repeat N]
Prints the median and mean milliseconds per dev-set message of what the red-flag detector
runs on every message (the rule, the safety net, the symptom check), on the first pass (every
word new to the matcher's cache) and on the next ones, and how many messages each flagged, so
that a faster matcher can be checked to flag the same messages.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import List

from benchmarks.dev_set import read_dev_set
from bot.safety.red_flags import detect_red_flag, load_terms, mentions_symptom, session_symptom
from bot.text.french_spacy import french_pipeline


def summary(timings: List[float]) -> str:
    return f"median {statistics.median(timings):.2f}  mean {statistics.mean(timings):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the dev set")
    args = parser.parse_args()
    nlp, terms = french_pipeline(), load_terms()
    texts = [question.text for question in read_dev_set()]
    passes: List[List[float]] = []
    flagged = netted = mentioned = 0
    for _ in range(args.repeat):
        # A fresh doc each pass, as each message of a conversation brings its own.
        docs = [nlp(text) for text in texts]
        flagged = netted = mentioned = 0
        timings: List[float] = []
        for doc in docs:
            started = time.perf_counter()
            red_flag = detect_red_flag(doc, terms)
            symptom = session_symptom(doc, terms)
            mention = mentions_symptom(doc, terms)
            timings.append((time.perf_counter() - started) * 1000)
            flagged += red_flag is not None
            netted += symptom is not None
            mentioned += mention
        passes.append(timings)
    later = [timing for timings in passes[1:] for timing in timings]
    print(f"messages            {len(texts)} x {args.repeat}")
    print(f"ms per message, first pass   {summary(passes[0])}")
    if later:
        print(f"ms per message, next passes  {summary(later)}")
    print(f"flagged / net / mentions  {flagged} / {netted} / {mentioned}")


if __name__ == "__main__":
    main()
