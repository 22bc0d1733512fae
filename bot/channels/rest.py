"""The REST channel patients' clients use (web widget, tests): Rasa's, made safe.

Differences with Rasa's RestInput: a sender id is required (Rasa would otherwise put
every such patient in one shared "default" conversation), malformed requests get a
clear French error, the text goes through `bot.input_guard`, and replies keep their
sources and topic.
"""

from __future__ import annotations

import re
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.output import SourcedCollectingOutputChannel
from bot.input_guard import prepare_text, stored_original

SENDER_ID = re.compile(r"^[A-Za-z0-9_.:@+-]{1,128}$")
MAX_BODY_BYTES = 200_000


def error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def parse_request(request: Request) -> tuple[Optional[Dict[str, Any]], Optional[HTTPResponse]]:
    if len(request.body or b"") > MAX_BODY_BYTES:
        return None, error(413, "Message trop volumineux.")
    try:
        body = request.json
    except Exception:  # Sanic raises its own error type on invalid JSON
        body = None
    if not isinstance(body, dict):
        return None, error(400, 'Requête invalide : JSON attendu, par exemple {"sender": "id", "message": "bonjour"}.')
    sender = body.get("sender")
    if not isinstance(sender, str) or not SENDER_ID.match(sender):
        return None, error(400, "Requête invalide : « sender » (identifiant de conversation) est obligatoire.")
    if "message" in body and body["message"] is not None and not isinstance(body["message"], str):
        return None, error(400, "Requête invalide : « message » doit être du texte.")
    return body, None


def user_message(
    body: Dict[str, Any], output: SourcedCollectingOutputChannel, input_channel: str
) -> UserMessage:
    raw = body.get("message")
    prepared = prepare_text(raw)
    metadata: Dict[str, Any] = {}
    if prepared.problem or prepared.text != raw:
        metadata["original_text"] = stored_original(raw)
    return UserMessage(
        prepared.text, output, body["sender"], input_channel=input_channel, metadata=metadata or None
    )


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
            body, problem = parse_request(request)
            if problem is not None:
                return problem
            output = SourcedCollectingOutputChannel()
            await on_new_message(user_message(body, output, self.name()))
            return response.json(output.messages)

        return webhook
