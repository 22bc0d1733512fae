"""The REST channel patients' clients use (web widget, tests): Rasa's, made safe.

Differences with Rasa's RestInput: a sender id is required (Rasa would otherwise put
every such patient in one shared "default" conversation), malformed requests get a
clear French error, the text goes through `bot.text.input_guard`, and replies keep their
sources and topic.
"""

from __future__ import annotations

import re
from typing import Any, Awaitable, Callable, Dict, Union

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.http import error, json_body, too_large
from bot.engine.output import SourcedCollectingOutputChannel
from bot.text.guarded_message import guarded_message

SENDER_ID = re.compile(r"^[A-Za-z0-9_.:@+-]{1,128}$")
MAX_BODY_BYTES = 200_000


def parse_request(request: Request) -> Union[Dict[str, Any], HTTPResponse]:
    """The request's body, or the error answer saying what is wrong with it."""
    if too_large(request, MAX_BODY_BYTES):
        return error(413, "Message trop volumineux.")
    body = json_body(request, MAX_BODY_BYTES)
    if not isinstance(body, dict):
        return error(400, 'Requête invalide : JSON attendu, par exemple {"sender": "id", "message": "bonjour"}.')
    sender = body.get("sender")
    if not isinstance(sender, str) or not SENDER_ID.match(sender):
        return error(400, "Requête invalide : « sender » (identifiant de conversation) est obligatoire.")
    if "message" in body and body["message"] is not None and not isinstance(body["message"], str):
        return error(400, "Requête invalide : « message » doit être du texte.")
    return body


class PatientRestInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"patient_rest_{id(self)}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = parse_request(request)
            if isinstance(body, HTTPResponse):
                return body
            output = SourcedCollectingOutputChannel()
            await on_new_message(guarded_message(body.get("message"), body["sender"], output, self.name()))
            return response.json(output.messages)

        return webhook
