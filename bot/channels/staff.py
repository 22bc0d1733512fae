"""The staff console at /staff/: its page, and a JSON API under /staff/api/ for clinic staff.

Everything under /staff/api/ needs the clinic's staff token (`Authorization: Bearer ...`);
the page itself is only a login form until the token is given. The API's routes are in
bot/staff/routes/, by group; questions are answered in this process by the agent patients
talk to (see bot.staff.engine).
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.http import STATIC_HEADERS, add_page, add_static_files
from bot.paths import WEB_DIR
from bot.staff.api import refusal
from bot.staff.routes.callbacks import add_callback_routes
from bot.staff.routes.flags import add_flag_routes
from bot.staff.routes.trying import add_trying_routes

STAFF_DIR = WEB_DIR / "staff"
STATIC_FILES = {
    "staff.js": "text/javascript; charset=utf-8",
    "staff.css": "text/css; charset=utf-8",
}
PAGE_HEADERS = {
    **STATIC_HEADERS,
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'; object-src 'none'"
    ),
    "Referrer-Policy": "no-referrer",
}
API_PATH = "/api/"


def page() -> str:
    return (STAFF_DIR / "index.html").read_text(encoding="utf-8")


class StaffConsoleInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "staff"

    def url_prefix(self) -> str:
        # Rasa joins this to "/webhooks/": an absolute path puts the console at /staff/.
        return "/staff"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        console = Blueprint(f"staff_console_{id(self)}", __name__)
        api_prefix = self.url_prefix() + API_PATH

        @console.middleware("request")
        async def staff_only(request: Request) -> Optional[HTTPResponse]:
            return refusal(request, api_prefix)

        add_page(console, f"{self.url_prefix()}/", page, PAGE_HEADERS)
        add_static_files(console, STAFF_DIR, STATIC_FILES)
        add_trying_routes(console, on_new_message)
        add_flag_routes(console)
        add_callback_routes(console)
        return console
