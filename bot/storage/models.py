"""Imports every table module so that `Base.metadata` knows them all.

Each feature keeps its table in its own module (callbacks, ratings, flags); add the new
module here when a table is added.
"""

import importlib
import pkgutil

import bot.storage

for _module in pkgutil.iter_modules(bot.storage.__path__):
    if _module.name not in {"db", "models"}:
        importlib.import_module(f"bot.storage.{_module.name}")
