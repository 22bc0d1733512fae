"""`python -m bot ...`: the assistant's command line."""

from bot.cli import main

raise SystemExit(main())
