"""`python -m bot callbacks ...`: the callback requests, for the clinic's staff."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Callable, List, Sequence

from sqlalchemy.exc import SQLAlchemyError

from bot.callbacks.notify import channels_configured, retry_pending_notifications
from bot.callbacks.phone import readable_phone
from bot.settings import load_settings
from bot.storage.callbacks import STATUSES, CallbackRequest, UnknownReference, list_callbacks, set_status

REASON_PREVIEW_CHARS = 40
CSV_COLUMNS = (
    "reference", "created_at", "first_name", "phone", "time_slot", "reason", "status",
    "notified_at", "notify_attempts", "conversation_id",
)
# A cell starting with one of these is a formula for Excel or LibreOffice: never run a patient's text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("callbacks", help="demandes de rappel des patients (liste, export, statut)")
    actions = parser.add_subparsers(dest="callbacks_command", title="actions", metavar="ACTION")
    actions.required = True

    listing = actions.add_parser("list", help="affiche les demandes, les plus récentes d'abord")
    listing.add_argument("--status", choices=STATUSES, help="seulement les demandes de ce statut")
    listing.set_defaults(func=with_database(show_list))

    export = actions.add_parser(
        "export", help="exporte toutes les demandes en CSV (UTF-8, séparateur « ; », lisible par Excel)"
    )
    export.add_argument("--csv", type=Path, required=True, metavar="FICHIER", help="fichier CSV à écrire")
    export.set_defaults(func=with_database(export_csv))

    status = actions.add_parser("status", help="change le statut d'une demande (new, called, closed)")
    status.add_argument("reference", help="référence de la demande, par exemple RAP-7K3F9")
    status.add_argument("status", choices=STATUSES, help="nouveau statut")
    status.set_defaults(func=with_database(change_status))

    retry = actions.add_parser("retry-notify", help="renvoie au cabinet les notifications qui ont échoué")
    retry.set_defaults(func=with_database(retry_notify))


def with_database(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """An unreachable database becomes a clear message, not a traceback."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except (SQLAlchemyError, OSError) as error:
            print(f"Base de données inaccessible ({load_settings().resolved_database_url}) : {error}",
                  file=sys.stderr)
            return 2

    return run


def truncated(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def table(header: Sequence[str], rows: List[Sequence[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = [header, ["-" * width for width in widths], *rows]
    return "\n".join(
        "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines
    )


def show_list(args: argparse.Namespace) -> int:
    requests = list_callbacks(status=args.status)
    if not requests:
        print("Aucune demande de rappel." if args.status is None else f"Aucune demande au statut « {args.status} ».")
        return 0
    rows: List[Sequence[str]] = [
        [
            request.reference,
            f"{request.created_at_utc.astimezone():%d/%m/%Y %H:%M}",
            request.first_name,
            readable_phone(request.phone_e164),
            truncated(request.time_slot, 30),
            request.status,
            truncated(request.reason, REASON_PREVIEW_CHARS),
        ]
        for request in requests
    ]
    print(table(["Référence", "Reçue le", "Prénom", "Téléphone", "Créneau", "Statut", "Motif"], rows))
    return 0


def spreadsheet_safe(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(request: CallbackRequest) -> List[str]:
    """Every cell escaped, whatever its column: a phone number "+33..." is a formula too."""
    notified_at = request.notified_at_utc
    cells = [
        request.reference,
        request.created_at_utc.isoformat(),
        request.first_name,
        request.phone_e164,
        request.time_slot,
        request.reason,
        request.status,
        notified_at.isoformat() if notified_at else "",
        str(request.notify_attempts),
        request.conversation_id,
    ]
    return [spreadsheet_safe(cell) for cell in cells]


def export_csv(args: argparse.Namespace) -> int:
    requests = list_callbacks()
    try:
        # utf-8-sig and ";": a double-click opens it correctly in a French Excel.
        with args.csv.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(CSV_COLUMNS)
            writer.writerows(csv_row(request) for request in requests)
    except OSError as error:
        print(f"Impossible d'écrire {args.csv} : {error.strerror}", file=sys.stderr)
        return 1
    print(f"{len(requests)} demande(s) exportée(s) dans {args.csv}")
    return 0


def change_status(args: argparse.Namespace) -> int:
    try:
        request = set_status(args.reference, args.status)
    except UnknownReference:
        print(f"Aucune demande de rappel avec la référence « {args.reference} ».", file=sys.stderr)
        return 1
    print(f"{request.reference} ({request.first_name}) : statut « {request.status} ».")
    return 0


def retry_notify(args: argparse.Namespace) -> int:
    settings = load_settings()
    if not channels_configured(settings):
        print(
            "Aucun moyen de prévenir le cabinet n'est réglé : renseignez notify_webhook_url "
            "ou notify_email (clinic.yml ou CLINIC_NOTIFY_WEBHOOK_URL / CLINIC_NOTIFY_EMAIL).",
            file=sys.stderr,
        )
        return 1
    report = retry_pending_notifications(settings)
    if not report.sent and not report.failed:
        print("Aucune notification en attente.")
        return 0
    if report.sent:
        print(f"Notifications envoyées : {', '.join(report.sent)}")
    if report.failed:
        print(f"Toujours en échec (voir les journaux) : {', '.join(report.failed)}", file=sys.stderr)
        return 1
    return 0
