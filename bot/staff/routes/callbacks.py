"""Callback requests: the list, and their status as staff call patients back."""

from __future__ import annotations

import asyncio

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.http import json_body
from bot.staff.api import MAX_BODY_BYTES, api_error, api_json
from bot.staff.views import callback_view
from bot.storage import callbacks


def add_callback_routes(console: Blueprint) -> None:
    @console.route("/api/callbacks", methods=["GET"])
    async def callback_list(request: Request) -> HTTPResponse:
        status = request.args.get("status") or None
        if status is not None and status not in callbacks.STATUSES:
            return api_error(400, f"Statut inconnu : {status}.")
        requests = await asyncio.to_thread(callbacks.list_callbacks, status)
        return api_json({"callbacks": [callback_view(r) for r in requests], "statuses": list(callbacks.STATUSES)})

    @console.route("/api/callbacks/<reference:str>/status", methods=["POST"])
    async def callback_status(request: Request, reference: str) -> HTTPResponse:
        body = json_body(request, MAX_BODY_BYTES)
        status = body.get("status") if isinstance(body, dict) else None
        if status not in callbacks.STATUSES:
            return api_error(400, f"Statut attendu : {', '.join(callbacks.STATUSES)}.")
        try:
            updated = await asyncio.to_thread(callbacks.set_status, reference, status)
        except callbacks.UnknownReference:
            return api_error(404, f"Demande de rappel introuvable : {reference}.")
        return api_json(callback_view(updated))
