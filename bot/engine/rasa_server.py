"""`python -m bot.engine.rasa_server run|train|test ...`: Rasa's own command line, with the project's
fixes to Rasa's costs installed first: skops imported before Rasa (bot.engine.import_order),
the action-reply check compiled once (bot.engine.action_response_check), event classes found
by name once (bot.engine.event_types), one spaCy model per process (bot.engine.shared_spacy)
and the actions that only read run in process (bot.engine.in_process_actions)."""

from __future__ import annotations

import sys

from bot.engine.import_order import import_skops_before_rasa

import_skops_before_rasa()

from bot.engine.action_response_check import use_compiled_check  # noqa: E402
from bot.engine.event_types import resolve_event_classes_once  # noqa: E402
from bot.engine.in_process_actions import run_reading_actions_in_process  # noqa: E402
from bot.engine.shared_spacy import share_spacy_models  # noqa: E402


def install_fixes() -> None:
    """Before a model is loaded, in every process that runs one: the server, `bot ask` and the
    staff console's engine, the benchmarks (which measure what is served)."""
    use_compiled_check()
    resolve_event_classes_once()
    share_spacy_models()
    run_reading_actions_in_process()


if __name__ == "__main__":
    from rasa.__main__ import main

    install_fixes()
    sys.argv[0] = "rasa"
    main()
