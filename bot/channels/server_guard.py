"""Server-wide protections Rasa has no setting for, plugged in as a channel (credentials.yml).

- No version banner: Rasa answers "/" with "Hello from Rasa: 3.6.x"; an attacker learns
  which known flaws to try. "/" says only that the server is up.
- A body-size limit checked against Content-Length before the body is read (Sanic's
  REQUEST_MAX_SIZE), instead of Sanic's 100 MB default.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

# The largest legitimate body is a staff batch of questions (about 1 MB of JSON).
MAX_REQUEST_BYTES = 2_500_000


async def no_banner(request: Request) -> Optional[HTTPResponse]:
    if request.path == "/":
        return response.text("ok")
    return None


def harden(app: Sanic) -> None:
    app.config.REQUEST_MAX_SIZE = MAX_REQUEST_BYTES
    app.register_middleware(no_banner, "request")


class ServerGuardInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "server_guard"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        guard = Blueprint(f"server_guard_{id(self)}", __name__)

        @guard.listener("before_server_start")
        async def protect(app: Sanic, _: Any) -> None:
            harden(app)

        return guard
