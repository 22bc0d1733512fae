"""`python -m bot privacy ...`: erase a patient's data on request, or everything past a date."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Callable

from sqlalchemy.exc import SQLAlchemyError

from bot.settings import load_settings

if TYPE_CHECKING:  # Rasa loads slowly: only the commands that erase import it
    from rasa.core.tracker_store import SQLTrackerStore


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("privacy", help="données personnelles : effacer un patient, purger les anciennes")
    actions = parser.add_subparsers(dest="privacy_command", title="actions", metavar="ACTION")
    actions.required = True

    forget = actions.add_parser(
        "forget", help="efface les conversations, demandes de rappel, avis et signalements d'un patient"
    )
    forget.add_argument("identifier", help="identifiant de conversation, numéro de téléphone ou référence RAP-XXXXX")
    forget.set_defaults(func=with_stores(forget_patient))

    purge = actions.add_parser("purge", help="efface tout ce qui est plus ancien que N jours")
    purge.add_argument("--older-than", type=int, required=True, metavar="JOURS", help="âge en jours (1 ou plus)")
    purge.set_defaults(func=with_stores(purge_old))

    for command in (forget, purge):
        command.add_argument("--endpoints", default="endpoints.yml", help="fichier des magasins (endpoints.yml)")


def with_stores(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """An unreachable database becomes a clear message, not a traceback."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except (SQLAlchemyError, OSError) as error:
            print(f"Base de données inaccessible : {error}", file=sys.stderr)
            return 2

    return run


def tracker_store(endpoints: str) -> SQLTrackerStore:
    from bot.commands.run import server_environment
    from bot.privacy.store import open_tracker_store

    return open_tracker_store(endpoints, server_environment(actions_port=5055))


def forget_patient(args: argparse.Namespace) -> int:
    from bot.privacy.erasure import forget

    load_settings()
    erased = forget(args.identifier, tracker_store(args.endpoints))
    print(f"Effacé pour « {args.identifier} » : {erased.summary()}")
    return 0


def purge_old(args: argparse.Namespace) -> int:
    from bot.privacy.erasure import purge

    if args.older_than < 1:
        print("--older-than doit valoir au moins 1 (jour).", file=sys.stderr)
        return 2
    erased = purge(args.older_than, tracker_store(args.endpoints))
    print(f"Effacé (plus de {args.older_than} jours) : {erased.summary()}")
    return 0
