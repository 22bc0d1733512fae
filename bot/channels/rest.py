"""The REST channel patients' clients use (web widget, tests): Rasa's, made safe.

Differences with Rasa's RestInput: the conversation id must be one the server issued
(bot.channels.sender_ids), each conversation and each client address has a request budget
(clinic.yml `limits`), malformed requests get a clear French error, the text goes through
`bot.text.input_guard`, and replies keep their sources and topic.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Union

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.http import client_address, error, json_body, too_large
from bot.channels.rate_limits import RateLimiter, too_many_requests
from bot.channels.sender_ids import MALFORMED, sender_problem
from bot.engine.output import SourcedCollectingOutputChannel
from bot.settings import ClinicSettings, load_settings
from bot.text.guarded_message import guarded_message

MAX_BODY_BYTES = 200_000


def parse_request(request: Request, settings: ClinicSettings) -> Union[Dict[str, Any], HTTPResponse]:
    """The request's body, or the error answer saying what is wrong with it."""
    if too_large(request, MAX_BODY_BYTES):
        return error(413, "Message trop volumineux.")
    body = json_body(request, MAX_BODY_BYTES)
    if not isinstance(body, dict):
        return error(400, 'Requête invalide : JSON attendu, par exemple {"sender": "id", "message": "bonjour"}.')
    problem = sender_problem(body.get("sender"), settings)
    if problem is not None:
        return error(400 if problem == MALFORMED else 403, problem)
    if "message" in body and body["message"] is not None and not isinstance(body["message"], str):
        return error(400, "Requête invalide : « message » doit être du texte.")
    return body


class PatientRestInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"patient_rest_{id(self)}", __name__)
        settings = load_settings()
        per_address = RateLimiter(settings.limits.requests_per_address)
        per_conversation = RateLimiter(settings.limits.messages_per_conversation)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not per_address.allow(client_address(request, settings.trusted_proxies)):
                return too_many_requests()
            body = parse_request(request, settings)
            if isinstance(body, HTTPResponse):
                return body
            if not per_conversation.allow(body["sender"]):
                return too_many_requests()
            output = SourcedCollectingOutputChannel()
            await on_new_message(guarded_message(body.get("message"), body["sender"], output, self.name()))
            return response.json(output.messages)

        return webhook
