"""The patients' chat widget: its files, a demo page at /chat/, and answer ratings.

The widget itself talks to the REST channel (/webhooks/rest/webhook); this channel only
serves what a browser needs around it. Listed in credentials.yml like any Rasa channel.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
from dataclasses import dataclass
from functools import partial
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.http import STATIC_HEADERS, add_page, add_static_files, client_address, error, json_body, too_large
from bot.channels.rate_limits import RateLimiter, too_many_requests
from bot.channels.sender_ids import MALFORMED, SENDER_ID, issue, sender_problem
from bot.knowledge.answers import utter_name
from bot.paths import WEB_DIR
from bot.privacy.notice import privacy_page
from bot.safety.emergency import emergency_call, emergency_reminder
from bot.settings import load_settings
from bot.storage.ratings import RATINGS, save_rating
from bot.text.input_guard import MAX_MESSAGE_CHARS

WIDGET_DIR = WEB_DIR / "widget"
# Only these files are served: no path from the request ever reaches the file system.
STATIC_FILES = {
    "widget.js": "text/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "chat-page.css": "text/css; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
PAGE_HEADERS = {
    **STATIC_HEADERS,
    "Content-Security-Policy": (
        "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; object-src 'none'"
    ),
    "Referrer-Policy": "no-referrer",
}
MAX_RATING_BYTES = 10_000
ANSWER_KEY = re.compile(r"^[a-z0-9_]+(/[a-z0-9_]+)*$")
TOPIC = re.compile(r"^[a-z0-9_]{1,64}$")


@dataclass(frozen=True)
class RatingRequest:
    sender: str
    answer_key: str
    topic: str
    rating: str
    question: Optional[str]


def parse_rating(body: Any) -> tuple[Optional[RatingRequest], Optional[str]]:
    """The rating a client sent, or the French message saying what is wrong with it."""
    if not isinstance(body, dict):
        return None, 'Requête invalide : JSON attendu, par exemple {"sender": "id", "rating": "useful", ...}.'
    sender, answer_key, topic = body.get("sender"), body.get("answer_key"), body.get("topic")
    rating, question = body.get("rating"), body.get("question")
    if not isinstance(sender, str) or not SENDER_ID.fullmatch(sender):
        return None, MALFORMED
    if not isinstance(answer_key, str) or len(answer_key) > 128 or not ANSWER_KEY.match(answer_key):
        return None, "Requête invalide : « answer_key » doit être la clé d'une réponse, par exemple faq/cost."
    if not isinstance(topic, str) or not TOPIC.match(topic):
        return None, "Requête invalide : « topic » doit être le thème de la réponse, par exemple cost."
    if rating not in RATINGS:
        return None, "Requête invalide : « rating » doit valoir « useful » ou « not_useful »."
    if question is not None and not isinstance(question, str):
        return None, "Requête invalide : « question » doit être du texte."
    # The question only gives staff context: a very long one is kept in part, not refused.
    question = question[:MAX_MESSAGE_CHARS] if question else None
    return RatingRequest(sender, answer_key, topic, rating, question), None


def demo_page() -> str:
    page = (WIDGET_DIR / "chat.html").read_text(encoding="utf-8")
    settings = load_settings()
    page = page.replace("{{emergency_call}}", html.escape(emergency_call(settings.country), quote=False))
    return page.replace("{{clinic_name}}", html.escape(settings.name))


def demo_config() -> str:
    """The widget's settings for the demo page (inline scripts are forbidden by its CSP)."""
    settings = load_settings()
    config = json.dumps(
        {"clinicName": settings.name, "emergencyLine": emergency_reminder(settings.country)}, ensure_ascii=False
    )
    return f"window.clinicChatConfig = Object.assign({config}, window.clinicChatConfig);\n"


def known_answer(request: Request, answer_key: str) -> bool:
    """Whether the loaded model has this answer (before the model is loaded, nobody was answered)."""
    agent = getattr(request.app.ctx, "agent", None)
    domain = getattr(agent, "domain", None)
    return domain is not None and utter_name(answer_key) in domain.responses


class ChatWidgetInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "chat_widget"

    def url_prefix(self) -> str:
        # Rasa joins this to "/webhooks/": an absolute path puts the widget at /chat/.
        return "/chat"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        widget = Blueprint(f"chat_widget_{id(self)}", __name__)

        add_page(widget, "/chat/", demo_page, PAGE_HEADERS)

        @widget.route("/config.js", methods=["GET"])
        async def config(_: Request) -> HTTPResponse:
            return response.text(demo_config(), content_type=STATIC_FILES["widget.js"], headers=STATIC_HEADERS)

        @widget.route("/confidentialite", methods=["GET"])
        async def privacy(_: Request) -> HTTPResponse:
            return response.html(privacy_page(load_settings()), headers=PAGE_HEADERS)

        add_static_files(widget, WIDGET_DIR, STATIC_FILES)
        settings = load_settings()
        per_address = RateLimiter(settings.limits.requests_per_address)
        ratings_per_conversation = RateLimiter(settings.limits.ratings_per_conversation)

        @widget.route("/conversation", methods=["POST"])
        async def new_conversation(request: Request) -> HTTPResponse:
            # The only way to a conversation id the REST channel accepts: drawn and signed here.
            if not per_address.allow(client_address(request, settings.trusted_proxies)):
                return too_many_requests()
            # With the clinic's emergency numbers: a widget on the clinic's own site shows them in its footer.
            conversation = {"sender": issue(settings), "emergency": emergency_reminder(settings.country)}
            return response.json(conversation, status=201, headers={"Cache-Control": "no-store"})

        @widget.route("/rating", methods=["POST"])
        async def rate(request: Request) -> HTTPResponse:
            if not per_address.allow(client_address(request, settings.trusted_proxies)):
                return too_many_requests()
            if too_large(request, MAX_RATING_BYTES):
                return error(413, "Requête trop volumineuse.")
            rating, problem = parse_rating(json_body(request, MAX_RATING_BYTES))
            if rating is None:
                return error(400, str(problem))
            foreign = sender_problem(rating.sender, settings)
            if foreign is not None:
                return error(403, foreign)
            if not known_answer(request, rating.answer_key):
                return error(400, "Requête invalide : « answer_key » n'est pas une réponse de l'assistant.")
            if not ratings_per_conversation.allow(rating.sender):
                return too_many_requests()
            # A database write must not hold up the conversations served by this process.
            store = partial(save_rating, rating.sender, rating.answer_key, rating.topic, rating.rating, rating.question)
            await asyncio.get_running_loop().run_in_executor(None, store)
            return response.json({"status": "ok"}, status=201)

        return widget
