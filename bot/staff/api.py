"""What every route of the console's JSON API shares: the token check, answers, the loaded model."""

from __future__ import annotations

import asyncio
import functools
from typing import Any, Awaitable, Callable, Optional

from rasa.core.agent import Agent
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import load_settings
from bot.staff.auth import access_refused
from bot.staff.catalogue import Catalogue, load_catalogue

# Answers hold patients' data: never kept by a browser or a proxy.
API_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
MAX_BODY_BYTES = 20_000
MODEL_LOADING = "L'assistant charge encore son modèle : réessayez dans un instant."

Route = Callable[..., Awaitable[HTTPResponse]]


def api_json(body: Any, status: int = 200) -> HTTPResponse:
    return response.json(body, status=status, headers=API_HEADERS)


def api_error(status: int, message: str) -> HTTPResponse:
    return api_json({"error": message}, status)


def refusal(request: Request, api_prefix: str) -> Optional[HTTPResponse]:
    """The answer to an API request without the staff token; None lets the request through.

    Run before every route of the console: no API route, present or future, can forget it.
    """
    if not request.path.startswith(api_prefix):
        return None
    refused = access_refused(request.headers.get("authorization"), load_settings().staff_token)
    if refused is None:
        return None
    headers = {**API_HEADERS, "WWW-Authenticate": "Bearer"} if refused.status == 401 else API_HEADERS
    return response.json({"error": refused.message}, status=refused.status, headers=headers)


def ready_agent(request: Request) -> Optional[Agent]:
    agent = getattr(request.app.ctx, "agent", None)
    return agent if agent is not None and agent.is_ready() else None


def needs_model(route: Route) -> Route:
    """The route gets the loaded agent after the request; while the model loads, staff get a 503."""

    @functools.wraps(route)
    async def with_model(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
        agent = ready_agent(request)
        if agent is None:
            return api_error(503, MODEL_LOADING)
        return await route(request, agent, *args, **kwargs)

    return with_model


async def catalogue() -> Catalogue:
    # Reading data/ takes seconds the first time: not on the event loop patients share.
    return await asyncio.to_thread(load_catalogue)


def model_view(agent: Agent) -> dict:
    metadata = agent.processor.model_metadata
    return {
        "file": agent.processor.model_filename,
        "trained_at": metadata.trained_at.isoformat(),
        "model_id": metadata.model_id,
    }
