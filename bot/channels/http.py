"""What the web channels share: French JSON errors, size-limited JSON bodies, the page and its files."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

STATIC_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}


def error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def client_address(request: Request, trusted_proxies: int) -> str:
    """The client's address: behind `trusted_proxies` proxies, the one the first proxy saw."""
    forwarded = [part.strip() for part in (request.headers.get("x-forwarded-for") or "").split(",") if part.strip()]
    if trusted_proxies > 0 and forwarded:
        # Each proxy appends what it saw; entries further left were written by the client itself.
        return forwarded[-min(trusted_proxies, len(forwarded))]
    return request.ip or "unknown"


def too_large(request: Request, max_bytes: int) -> bool:
    return len(request.body or b"") > max_bytes


def json_body(request: Request, max_bytes: int) -> Any:
    """The request's JSON; None when it is larger than `max_bytes` or not valid JSON."""
    if too_large(request, max_bytes):
        return None
    try:
        return request.json
    except Exception:  # Sanic raises its own error type on invalid JSON
        return None


def add_page(blueprint: Blueprint, address: str, page: Callable[[], str], headers: Dict[str, str]) -> None:
    """The channel's page at `address` ("/chat/"), where the address without its slash leads too."""

    @blueprint.route("/", methods=["GET"], strict_slashes=True)
    async def page_route(_: Request) -> HTTPResponse:
        return response.html(page(), headers=headers)

    @blueprint.route("", methods=["GET"], strict_slashes=True)
    async def page_without_slash(_: Request) -> HTTPResponse:
        # The page's files are linked relative to it: one address, the one `python -m bot run` prints.
        return response.redirect(address)


def add_static_files(blueprint: Blueprint, folder: Path, content_types: Dict[str, str]) -> None:
    """Serves the listed files of `folder`: no path from the request ever reaches the file system."""

    @blueprint.route("/<filename:str>", methods=["GET"])
    async def static(_: Request, filename: str) -> HTTPResponse:
        if filename not in content_types:
            return error(404, "Fichier introuvable.")
        content = (folder / filename).read_bytes()
        return response.raw(content, content_type=content_types[filename], headers=STATIC_HEADERS)
