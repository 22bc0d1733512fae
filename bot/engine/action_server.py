"""The custom-action server, closed: only a Rasa server that knows the shared secret is served.

rasa_sdk's own server listens on every interface, runs any action for anyone and answers an
error with the exception and the request body. This one wraps the same executor: it listens
on 127.0.0.1 unless told otherwise, refuses any call without the secret (header
ACTION_SECRET_HEADER, which endpoints.yml makes Rasa send), and answers errors without
echoing anything of the request.
"""

from __future__ import annotations

import hmac
import logging
from typing import Optional

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

ACTION_SECRET_HEADER = "X-Action-Server-Secret"
SECRET_VARIABLE = "ACTION_SERVER_SECRET"
MIN_SECRET_CHARS = 32
# Rasa's action calls carry the whole conversation: a few hundred kB at most.
MAX_BODY_BYTES = 2_000_000
OPEN_PATHS = {"/health"}


def secret_refusal(presented: Optional[str], secret: str) -> Optional[HTTPResponse]:
    """401 without the secret, 403 with a wrong one; None lets the call through."""
    if not presented:
        return response.json({"error": "Secret du serveur d'actions manquant."}, status=401)
    if not hmac.compare_digest(presented.encode(), secret.encode()):
        return response.json({"error": "Secret du serveur d'actions incorrect."}, status=403)
    return None


def closed_app(secret: str, actions_package: str = "actions") -> Sanic:
    if len(secret) < MIN_SECRET_CHARS:
        raise ValueError(f"{SECRET_VARIABLE} must be at least {MIN_SECRET_CHARS} characters long")
    app = create_app(actions_package, cors_origins=None)  # no browser may call it
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES

    @app.middleware("request")
    async def only_with_secret(request: Request) -> Optional[HTTPResponse]:
        if request.path in OPEN_PATHS:
            return None
        return secret_refusal(request.headers.get(ACTION_SECRET_HEADER), secret)

    @app.exception(Exception)
    async def no_echo(request: Request, exception: Exception) -> HTTPResponse:
        # The conversation (names, phone numbers) stays out of the answer and of the log line.
        status = getattr(exception, "status_code", 500)
        if status >= 500:
            logger.error("Action call failed: %s", type(exception).__name__, exc_info=exception)
        return response.json({"error": "Erreur du serveur d'actions."}, status=status)

    return app


def serve(host: str, port: int, secret: str) -> None:
    app = closed_app(secret)
    logger.info("Action server on %s:%s", host, port)
    app.run(host, port, workers=1, access_log=False)
