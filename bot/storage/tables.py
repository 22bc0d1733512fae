"""Imports every table module so that `Base.metadata` knows them all.

Each feature keeps its table in its own module (callbacks, ratings, flags): every module of
this package but `db` and this one is imported, so a new table module is found by itself.
"""

import importlib
import pkgutil

import bot.storage

for _module in pkgutil.iter_modules(bot.storage.__path__):
    if _module.name not in {"db", "tables"}:
        importlib.import_module(f"bot.storage.{_module.name}")
