"""`make bench`: this assistant against stock Rasa trained on the same data, in one run.

Prints one table (figures, ratios against stock, the issue's targets) and saves
results/bench/bench.json and results/bench/latency_vs_clients.png. Never fails on a figure:
it measures, the reader judges.

Usage: .venv/bin/python -m benchmarks.bench [--quick] [--reuse-stock] [--stock-epochs N]

`--stock-epochs N` compares against a timing-only stock model (benchmarks/stock_model.py): the
same networks trained N epochs instead of 100, in minutes instead of hours; its parse time,
memory and size are stock Rasa's, its accuracy and training time are left out of the table.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Dict, List, Optional

from benchmarks.dev_set import accuracy, read_dev_set
from benchmarks.rest_load import Load, conversation_growth, load, process_memory_mb
from benchmarks.stock_model import stock_model
from bot.engine.processes import latest_model
from bot.engine.served import ServedAssistant
from bot.engine.trained_models import training_seconds
from bot.paths import ROOT

RESULTS_DIR = ROOT / "results" / "bench"
CLIENTS = (1, 8, 32)
MESSAGES_PER_LOAD = 160
# The same FAQ question, again and again in one conversation: only its length changes.
REPEATED_QUESTION = "combien coûte une séance ?"
REDIS = ("127.0.0.1", 6379)
# All the load comes from one address and long conversations: the flood limits stay out of the way.
UNLIMITED = json.dumps({"messages_per_conversation": 10**9, "requests_per_address": 10**9})


@dataclass
class Measures:
    parse_median_ms: float
    parse_p95_ms: float
    nlu_rss_mb: float
    model_mb: float
    training_seconds: Optional[float]
    nlu_accuracy: Optional[float]  # None for a timing-only stock model


def parse_measures(model: Path, repeat: int) -> Dict:
    """In a process of its own, so that the memory is the model's alone."""
    command = [sys.executable, "-m", "benchmarks.parse_timing", str(model), "--repeat", str(repeat)]
    output = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def model_measures(model: Path, trained_in: Optional[float], repeat: int, timing_only: bool = False) -> Measures:
    measured = parse_measures(model, repeat)
    return Measures(
        measured["parse_median_ms"], measured["parse_p95_ms"], measured["rss_mb"], model.stat().st_size / 1e6,
        None if timing_only else trained_in, None if timing_only else accuracy(read_dev_set(), measured["topics"]),
    )


def percent(value: Optional[float]) -> Optional[float]:
    return None if value is None else 100 * value


def assistant_accuracy() -> float:
    """Topics of the replies a patient gets (NLU, red flags, rules and actions), first message each."""
    from bot.engine.local import LocalEngine

    questions = read_dev_set()
    with LocalEngine() as engine:
        topics = [engine.first_reply(q.text).topic for q in questions]
    return accuracy(questions, topics)


def served_measures(quick: bool, workdir: Path, endpoints: str = "endpoints.yml", workers: int = 1) -> Dict:
    """`python -m bot run` on free ports: loads at 1, 8 and 32 clients, memory, a long conversation."""
    texts = [q.text for q in read_dev_set()]
    workdir.mkdir()
    bot = ServedAssistant.start(workdir, {"SANIC_WORKERS": str(workers), "CLINIC_LIMITS": UNLIMITED}, endpoints)
    try:
        for text in texts[:10]:
            bot.send("bench-warm-up", text)
        # About as many messages at each load (at least 5 per client): 56 messages at 8 clients gave
        # 49.5 to 65.8 msg/s from one run to the next for the same code.
        total = 24 if quick else MESSAGES_PER_LOAD
        loads: List[Load] = [load(bot, clients, max(5, total // clients), texts, run="load") for clients in CLIENTS]
        memory = process_memory_mb(bot.process.pid)
        growth = conversation_growth(bot, REPEATED_QUESTION, length=60 if quick else 300, sample=20)
    finally:
        bot.stop()
    return {"workers": workers, "loads": [asdict(x) | {"per_second": x.per_second} for x in loads],
            "memory_mb": memory, "growth_ms": growth}


def redis_endpoints(workdir: Path) -> Optional[Path]:
    """endpoints.yml plus the local Redis as lock store (what several workers need), if it answers."""
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return None
    path = workdir / "endpoints.yml"
    lock_store = f"\nlock_store:\n  type: redis\n  url: {REDIS[0]}\n  port: {REDIS[1]}\n  key_prefix: bench\n"
    path.write_text((ROOT / "endpoints.yml").read_text(encoding="utf-8") + lock_store, encoding="utf-8")
    return path


def ratio(value: Optional[float], reference: Optional[float]) -> str:
    return f"{value / reference:.2f}×" if value is not None and reference else ""


def print_table(
    ours: Measures, stock: Measures, served: Dict, replies_accuracy: float, two_workers: Optional[Dict]
) -> None:
    loads = {x["clients"]: x for x in served["loads"]}
    growth = served["growth_ms"]
    first, last = min(growth), max(growth)
    memory = served["memory_mb"]

    def row(name: str, value: Optional[float], reference: Optional[float], unit: str, target: str = "") -> None:
        shown = "—" if value is None else f"{value:.1f} {unit}"
        stock_shown = "—" if reference is None else f"{reference:.1f} {unit}"
        print(f"{name:<38} {shown:>14} {stock_shown:>14} {ratio(value, reference):>8}   {target}")

    stock_parse = stock.parse_median_ms
    print(f"\n{'':<38} {'ce projet':>14} {'Rasa standard':>14} {'ratio':>8}   objectif (issue 14)")
    row("analyse NLU en mémoire, médiane", ours.parse_median_ms, stock_parse, "ms")
    row("analyse NLU en mémoire, p95", ours.parse_p95_ms, stock.parse_p95_ms, "ms")
    row("REST 1 client, médiane", loads[1]["median_ms"], stock_parse, "ms", f"≤ {1.5 * stock_parse:.1f} ms")
    row("REST 1 client, p95", loads[1]["p95_ms"], None, "ms")
    for clients in CLIENTS[1:]:
        target = f"≥ {750 / stock_parse:.1f} msg/s" if clients == 8 else ""
        row(f"REST {clients} clients, débit", loads[clients]["per_second"], None, "msg/s", target)
        row(f"REST {clients} clients, p95", loads[clients]["p95_ms"], None, "ms")
    if two_workers:
        two = {x["clients"]: x for x in two_workers["loads"]}
        for clients in CLIENTS[1:]:
            row(f"2 workers Sanic + Redis, {clients} clients", two[clients]["per_second"], None, "msg/s")
            row(f"2 workers Sanic + Redis, {clients} cl., p95", two[clients]["p95_ms"], None, "ms")
        row("2 workers : mémoire des processus Rasa", two_workers["memory_mb"].get("rasa"), None, "Mo")
    row("mémoire du processus Rasa (serveur)", memory.get("rasa"), stock.nlu_rss_mb, "Mo", "≤ 1000 Mo")
    row("mémoire du serveur d'actions", memory.get("actions"), None, "Mo")
    row("mémoire, NLU seule en mémoire", ours.nlu_rss_mb, stock.nlu_rss_mb, "Mo")
    row("taille du modèle", ours.model_mb, stock.model_mb, "Mo", "≤ 40 Mo")
    row("entraînement complet", ours.training_seconds, stock.training_seconds, "s", "≤ 240 s")
    row("précision des sujets (NLU), dev", percent(ours.nlu_accuracy), percent(stock.nlu_accuracy), "%")
    row("précision des sujets (réponses), dev", 100 * replies_accuracy, percent(stock.nlu_accuracy), "%",
        "≥ avant l'issue")
    row(f"message {last} / message {first} (médianes)", growth[last] / growth[first], None, "×", "≤ 1.2×")
    print(f"  (messages {first}-{first + 19} : {growth[first]:.1f} ms ; "
          f"messages {last - 19}-{last} : {growth[last]:.1f} ms ; même question, même conversation)")


def save_plot(served: Dict, stock_parse_ms: float, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    loads = served["loads"]
    clients = [x["clients"] for x in loads]
    figure, axes = plt.subplots(figsize=(6, 4))
    axes.plot(clients, [x["median_ms"] for x in loads], marker="o", label="REST, médiane")
    axes.plot(clients, [x["p95_ms"] for x in loads], marker="o", label="REST, p95")
    axes.axhline(stock_parse_ms, color="grey", linestyle="--", label="Rasa standard, analyse NLU (médiane)")
    axes.set_xscale("log", base=2)
    axes.set_xticks(clients, [str(c) for c in clients])
    axes.set_xlabel("clients simultanés")
    axes.set_ylabel("latence (ms)")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer messages (a rough figure in a minute)")
    parser.add_argument(
        "--reuse-stock", action="store_true", help="the newest stock model even if the data changed since"
    )
    parser.add_argument(
        "--stock-epochs", type=int, help="a timing-only stock model, trained this many epochs instead of 100"
    )
    args = parser.parse_args()
    repeat = 1 if args.quick else 3
    stock = stock_model(reuse_any=args.reuse_stock, epochs=args.stock_epochs)
    model = latest_model()
    print(f"Ce projet : {model.name} ; Rasa standard : {stock.path.name}", flush=True)
    if stock.timing_only:
        print(f"Rasa standard entraîné {stock.epochs} époque(s) au lieu de 100 : mêmes réseaux, donc temps "
              "d'analyse, mémoire et taille comparables ; précision et temps d'entraînement non mesurés.")
    # Two cores shared: a busy machine slows everything measured, so the load is printed.
    print("charge de la machine (1, 5, 15 min) au début : {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    stock_measures = model_measures(stock.path, stock.training_seconds, repeat, stock.timing_only)
    our_measures = model_measures(model, training_seconds(model), repeat)
    with tempfile.TemporaryDirectory() as workdir:
        served = served_measures(args.quick, Path(workdir) / "one")
        endpoints = redis_endpoints(Path(workdir))
        two_workers = served_measures(args.quick, Path(workdir) / "two", str(endpoints), 2) if endpoints else None
    replies_accuracy = assistant_accuracy()
    print_table(our_measures, stock_measures, served, replies_accuracy, two_workers)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    save_plot(served, stock_measures.parse_median_ms, RESULTS_DIR / "latency_vs_clients.png")
    (RESULTS_DIR / "bench.json").write_text(json.dumps({
        "model": model.name, "stock_model": stock.path.name, "stock_epochs": stock.epochs, "ours": asdict(our_measures),
        "stock": asdict(stock_measures), "served": served, "served_two_workers": two_workers,
        "replies_accuracy": replies_accuracy,
    }, indent=1))
    print("charge de la machine à la fin : {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    print(f"\nDétails : {RESULTS_DIR / 'bench.json'} ; courbe : {RESULTS_DIR / 'latency_vs_clients.png'}")


if __name__ == "__main__":
    main()
