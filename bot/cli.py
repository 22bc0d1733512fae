"""Builds the command line from the modules in bot/commands (one command each)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from typing import List, Optional

import bot.commands
from bot.settings import SettingsError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Assistant patient sur la mésothérapie : commandes pour le cabinet et l'équipe technique.",
    )
    subparsers = parser.add_subparsers(dest="command", title="commandes", metavar="COMMANDE")
    subparsers.required = True
    for module_info in sorted(pkgutil.iter_modules(bot.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"bot.commands.{module_info.name}")
        module.add_parser(subparsers)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except SettingsError as error:
        print(f"Erreur de réglages : {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
