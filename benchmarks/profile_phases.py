"""Where a message's time goes: each request phase and each NLU component, in the server's setup.

The latest model is loaded in this process with the stores of endpoints.yml (a scratch SQLite
file) and its own action server, as `make run` sets them up; timers wrap Rasa's own methods.
Two runs: the dev-set questions, each as the first message of a conversation, then one
conversation of `--length` messages (the same question), compared at its start and its end.

Usage: .venv/bin/python -m benchmarks.profile_phases [--length 300] [--model MODEL.tar.gz] [--stock-rasa]
Prints markdown tables (docs/performance.md quotes them).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import secrets
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Dict, List

from benchmarks.dev_set import read_dev_set
from bot.commands.run import server_environment
from bot.engine.local import quiet_libraries
from bot.engine.processes import action_server_command, free_port, latest_model, start, stop, wait_until_up
from bot.engine.rasa_server import install_fixes
from bot.paths import ROOT
from bot.text.guarded_message import guarded_message

REPEATED_QUESTION = "combien coûte une séance ?"


class Stopwatch:
    """Milliseconds spent in wrapped functions, per label, for the message being timed."""

    def __init__(self) -> None:
        self.current: Dict[str, float] = defaultdict(float)
        self.messages: List[Dict[str, float]] = []

    def timed(self, label: Callable[..., str], function: Callable) -> Callable:
        if asyncio.iscoroutinefunction(function):

            @functools.wraps(function)
            async def timed_coroutine(*args: Any, **kwargs: Any) -> Any:
                before = time.perf_counter()
                try:
                    return await function(*args, **kwargs)
                finally:
                    self.current[label(*args)] += (time.perf_counter() - before) * 1000

            return timed_coroutine

        @functools.wraps(function)
        def timed_call(*args: Any, **kwargs: Any) -> Any:
            before = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.current[label(*args)] += (time.perf_counter() - before) * 1000

        return timed_call

    def wrap(self, owner: Any, name: str, label: str) -> None:
        setattr(owner, name, self.timed(lambda *args: label, getattr(owner, name)))

    def end_message(self) -> None:
        self.messages.append(dict(self.current))
        self.current.clear()


def instrument(stopwatch: Stopwatch, agent: Any) -> None:
    from rasa.core.actions.action import ActionExtractSlots, RemoteAction
    from rasa.core.processor import MessageProcessor
    from rasa.engine.graph import GraphNode

    lock_store, tracker_store = type(agent.lock_store), type(agent.tracker_store._tracker_store)
    stopwatch.wrap(lock_store, "issue_ticket", "verrou de la conversation")
    stopwatch.wrap(lock_store, "_acquire_lock", "verrou de la conversation")
    stopwatch.wrap(lock_store, "cleanup", "verrou de la conversation")
    stopwatch.wrap(tracker_store, "retrieve", "lecture de la conversation (tracker store)")
    stopwatch.wrap(tracker_store, "save", "écriture de la conversation (tracker store)")
    stopwatch.wrap(MessageProcessor, "parse_message", "NLU, total")
    stopwatch.wrap(MessageProcessor, "_predict_next_with_tracker", "politiques (RulePolicy)")
    stopwatch.wrap(ActionExtractSlots, "run", "extraction des slots")
    stopwatch.wrap(RemoteAction, "run", "action personnalisée, aller-retour")
    stopwatch.wrap(RemoteAction, "_action_call_format", "  dont sérialisation du tracker")
    GraphNode.__call__ = stopwatch.timed(
        lambda node, *args: f"  nœud {node._node_name}", GraphNode.__call__
    )


async def profile(model: Path, length: int, speedups: bool = True) -> Dict[str, List[Dict[str, float]]]:
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.utils import AvailableEndpoints

    texts = [q.text for q in read_dev_set()]
    stopwatch = Stopwatch()
    with tempfile.TemporaryDirectory() as workdir:
        port = free_port()
        os.environ.setdefault("ACTION_SERVER_SECRET", secrets.token_urlsafe(32))
        os.environ.update(server_environment(port) | {"TRACKER_DB": str(Path(workdir) / "tracker.db")})
        actions = start(action_server_command(port), dict(os.environ), log=os.open(os.devnull, os.O_WRONLY))
        try:
            wait_until_up([f"http://127.0.0.1:{port}/health"], [actions], 90, interval=0.2)
            if speedups:
                # As the served assistant: before the endpoints are read (the reading actions
                # then run in process) and before the model is loaded.
                install_fixes()
            endpoints = AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.yml"))
            agent = await load_agent(str(model), endpoints=endpoints)
            instrument(stopwatch, agent)

            async def message(sender: str, text: str) -> None:
                before = time.perf_counter()
                guarded = stopwatch.timed(lambda *args: "garde d'entrée", guarded_message)
                await agent.handle_message(guarded(text, sender, CollectingOutputChannel(), "rest"))
                stopwatch.current["message entier"] = (time.perf_counter() - before) * 1000
                stopwatch.end_message()

            for text in texts[:10]:
                await message("profile-warm-up", text)
            stopwatch.messages.clear()
            for number, text in enumerate(texts):
                await message(f"profile-first-{number}", text)
            first_messages = list(stopwatch.messages)
            stopwatch.messages.clear()
            for _ in range(length):
                await message("profile-long", REPEATED_QUESTION)
            long_conversation = list(stopwatch.messages)
        finally:
            stop([actions])
    return {"first": first_messages, "long": long_conversation}


def medians(messages: List[Dict[str, float]]) -> Dict[str, float]:
    labels = {label for message in messages for label in message}
    return {label: statistics.median(m.get(label, 0.0) for m in messages) for label in labels}


def print_tables(results: Dict[str, List[Dict[str, float]]], length: int) -> None:
    first = medians(results["first"])
    start_of, end_of = medians(results["long"][:20]), medians(results["long"][-20:])
    order = sorted(first, key=lambda label: (label != "message entier", -first[label]))
    print("\n| phase (médiane, ms) | 1er message | conversation : messages 1-20 "
          f"| messages {length - 19}-{length} |")
    print("|---|---:|---:|---:|")
    for label in order:
        print(f"| {label} | {first[label]:.2f} | {start_of.get(label, 0):.2f} | {end_of.get(label, 0):.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--length", type=int, default=300)
    parser.add_argument("--model", type=Path, default=None, help="a model file (default: the latest in models/)")
    parser.add_argument("--stock-rasa", action="store_true", help="without bot.engine.rasa_server's fixes (before)")
    args = parser.parse_args()
    quiet_libraries()
    model = args.model or latest_model()
    print(f"Modèle : {model.name}")
    print_tables(asyncio.run(profile(model, args.length, speedups=not args.stock_rasa)), args.length)


if __name__ == "__main__":
    main()
