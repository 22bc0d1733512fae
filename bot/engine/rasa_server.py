"""`python -m bot.engine.rasa_server run ...`: Rasa's own `rasa run`, with the project's fixes to
Rasa's per-message costs installed first (bot.engine.action_response_check)."""

from __future__ import annotations

import sys

from bot.engine.action_response_check import use_compiled_check

if __name__ == "__main__":
    from rasa.__main__ import main

    use_compiled_check()
    sys.argv[0] = "rasa"
    main()
