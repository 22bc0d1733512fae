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

from bot.channels.http import STATIC_HEADERS, add_page, add_static_files, client_address
from bot.channels.rate_limits import LOCKED_OUT, Lockout, RateLimiter, too_many_requests
from bot.paths import WEB_DIR
from bot.settings import load_settings
from bot.staff.api import refusal
from bot.staff.auth import presented_token
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

        limits = load_settings().limits
        per_address = RateLimiter(limits.staff_requests_per_address)
        lockout = Lockout(limits.staff_failures_before_lockout, limits.staff_lockout_minutes * 60)

        @console.middleware("request")
        async def staff_only(request: Request) -> Optional[HTTPResponse]:
            if not request.path.startswith(api_prefix):
                return None
            address = client_address(request, load_settings().trusted_proxies)
            # Locked out even with the right token: guessing must not be worth it.
            if lockout.locked(address):
                return too_many_requests(LOCKED_OUT, limits.staff_lockout_minutes * 60)
            if not per_address.allow(address):
                return too_many_requests()
            refused = refusal(request, api_prefix)
            # A wrong token is a guess; a missing one (the login page before sign-in) is not.
            if refused is not None and refused.status == 401 and presented_token(request.headers.get("authorization")):
                lockout.failed(address)
            return refused

        @console.middleware("response")
        async def no_cross_origin(request: Request, response: HTTPResponse) -> None:
            # The console is only used from its own page: no other site may read its answers.
            for name in [name for name in response.headers if name.lower().startswith("access-control-")]:
                del response.headers[name]

        add_page(console, f"{self.url_prefix()}/", page, PAGE_HEADERS)
        add_static_files(console, STAFF_DIR, STATIC_FILES)
        add_trying_routes(console, on_new_message)
        add_flag_routes(console)
        add_callback_routes(console)
        return console
