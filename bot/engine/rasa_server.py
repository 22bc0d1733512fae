"""`python -m bot.engine.rasa_server run|train ...`: Rasa's own command line, with the project's
fixes to Rasa's costs installed first: the action-reply check compiled once
(bot.engine.action_response_check) and one spaCy model per process (bot.engine.shared_spacy)."""

from __future__ import annotations

import sys

from bot.engine.action_response_check import use_compiled_check
from bot.engine.shared_spacy import share_spacy_models

if __name__ == "__main__":
    from rasa.__main__ import main

    use_compiled_check()
    share_spacy_models()
    sys.argv[0] = "rasa"
    main()
