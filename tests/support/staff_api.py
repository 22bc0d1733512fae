"""Shared by the staff console's tests: its API routes, and how to call them."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from email.message import Message
from typing import Any, Coroutine, List, Optional, Tuple, TypeVar

T = TypeVar("T")

# Every route under /staff/api/ (method, path with example parameters).
API_ROUTES = [
    ("DELETE", "/staff/api/flags/1"),
    ("GET", "/staff/api/callbacks"),
    ("GET", "/staff/api/flags"),
    ("GET", "/staff/api/flags/export"),
    ("GET", "/staff/api/model"),
    ("GET", "/staff/api/session"),
    ("POST", "/staff/api/batch"),
    ("POST", "/staff/api/callbacks/RAP-ABCDE/status"),
    ("POST", "/staff/api/flags"),
    ("POST", "/staff/api/try"),
]
PARAMETER_EXAMPLES = {"<flag_id:int>": "1", "<reference:str>": "RAP-ABCDE"}


def registered_api_routes() -> List[Tuple[str, str]]:
    """The API routes the console's blueprint really declares, parameters filled in."""
    from sanic import Sanic

    from bot.channels.staff import StaffConsoleInput

    async def ignore(_: Any) -> None:
        return None

    # Sanic refuses two apps of the same name in one process.
    app = Sanic(f"staff_routes_{uuid.uuid4().hex}")
    app.blueprint(StaffConsoleInput().blueprint(ignore), url_prefix="/staff")
    routes = []
    for route in app.router.routes:
        path = "/" + route.path
        for placeholder, example in PARAMETER_EXAMPLES.items():
            path = path.replace(placeholder, example)
        if path.startswith("/staff/api/"):
            routes += [(method, path) for method in route.methods]
    return sorted(routes)


def call(
    base_url: str, method: str, path: str, body: Any = None, token: Optional[str] = None, timeout: float = 300
) -> Tuple[int, Any, Message]:
    """(status, decoded body, headers: case-insensitive) of one request, errors included."""
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw, response_headers = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, raw, response_headers = error.code, error.read(), error.headers
    content_type = response_headers.get("Content-Type") or ""
    decoded = json.loads(raw) if content_type.startswith("application/json") else raw.decode("utf-8")
    return status, decoded, response_headers


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Runs a coroutine in its own thread: Playwright's sync API may hold this thread's loop."""
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(asyncio.run, coroutine).result()
