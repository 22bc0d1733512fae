"""The REST channel patients' clients use (web widget, tests): Rasa's, made safe.

Differences with Rasa's RestInput: a sender id is required (Rasa would otherwise put
every such patient in one shared "default" conversation), malformed requests get a
clear French error, the text goes through `bot.input_guard`, and replies keep their
sources and topic.
"""

from __future__ import annotations

import re
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.output import SourcedCollectingOutputChannel
from bot.input_guard import prepare_text, stored_original

SENDER_ID = re.compile(r"^[A-Za-z0-9_.:@+-]{1,128}$")
MAX_BODY_BYTES = 200_000


def error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def json_body(request: Request) -> Any:
    """The request's JSON, or None when it is not valid JSON."""
    try:
        return request.json
    except Exception:  # Sanic raises its own error type on invalid JSON
        return None


def parse_request(request: Request) -> tuple[Optional[Dict[str, Any]], Optional[HTTPResponse]]:
    if len(request.body or b"") > MAX_BODY_BYTES:
        return None, error(413, "Message trop volumineux.")
    body = json_body(request)
    if not isinstance(body, dict):
        return None, error(400, 'Requête invalide : JSON attendu, par exemple {"sender": "id", "message": "bonjour"}.')
    sender = body.get("sender")
    if not isinstance(sender, str) or not SENDER_ID.match(sender):
        return None, error(400, "Requête invalide : « sender » (identifiant de conversation) est obligatoire.")
    if "message" in body and body["message"] is not None and not isinstance(body["message"], str):
        return None, error(400, "Requête invalide : « message » doit être du texte.")
    return body, None


def guarded_message(
    raw: object,
    sender: str,
    output: OutputChannel,
    input_channel: Optional[str],
    replacement: Optional[str] = None,
) -> UserMessage:
    """What every channel hands to Rasa: the guarded text, and the patient's own when it differs.

    `replacement` stands for the typed text (a numbered choice turned into its button payload).
    """
    prepared = prepare_text(replacement or raw)
    metadata = {"original_text": stored_original(raw)} if prepared.text != raw else None
    return UserMessage(prepared.text, output, sender, input_channel=input_channel, metadata=metadata)


def user_message(
    body: Dict[str, Any], output: SourcedCollectingOutputChannel, input_channel: str
) -> UserMessage:
    return guarded_message(body.get("message"), body["sender"], output, input_channel)


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
