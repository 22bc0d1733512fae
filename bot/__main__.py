"""`python -m bot ...`: the assistant's command line."""

from bot.engine.import_order import import_skops_before_rasa

import_skops_before_rasa()

from bot.cli import main  # noqa: E402  (after skops, see bot/engine/import_order.py)

raise SystemExit(main())
