"""The staff console at /staff/: its page, and a JSON API under /staff/api/ for clinic staff.

Everything under /staff/api/ needs the clinic's staff token (`Authorization: Bearer ...`);
the page itself is only a login form until the token is given. Questions are answered in
this process by the agent patients talk to (see bot.staff.engine).
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional

from rasa.core.agent import Agent
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.rest import error, json_body
from bot.evaluation.questions import QuestionFileError
from bot.input_guard import MAX_MESSAGE_CHARS
from bot.settings import load_settings
from bot.staff.auth import access_refused
from bot.staff.batch import MAX_BATCH_CHARACTERS, batch_view, parse_batch
from bot.staff.catalogue import Catalogue, load_catalogue
from bot.staff.engine import ServerEngine
from bot.staff.flag_form import parse_flag
from bot.staff.nlu_export import nlu_yaml
from bot.staff.views import callback_view, flag_view, reply_view, topics_view
from bot.storage import callbacks, flags

STAFF_DIR = Path(__file__).resolve().parent.parent / "web" / "staff"
# Only these files are served: no path from the request ever reaches the file system.
STATIC_FILES = {
    "staff.js": "text/javascript; charset=utf-8",
    "staff.css": "text/css; charset=utf-8",
}
STATIC_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}
PAGE_HEADERS = {
    **STATIC_HEADERS,
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'; object-src 'none'"
    ),
    "Referrer-Policy": "no-referrer",
}
# Answers hold patients' data: never kept by a browser or a proxy.
API_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
API_PATH = "/api/"
MAX_BODY_BYTES = 20_000
MODEL_LOADING = "L'assistant charge encore son modèle : réessayez dans un instant."


def api_json(body: Any, status: int = 200) -> HTTPResponse:
    return response.json(body, status=status, headers=API_HEADERS)


def ready_agent(request: Request) -> Optional[Agent]:
    agent = getattr(request.app.ctx, "agent", None)
    return agent if agent is not None and agent.is_ready() else None


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

        @console.route("/", methods=["GET"], strict_slashes=True)
        async def page(_: Request) -> HTTPResponse:
            return response.html((STAFF_DIR / "index.html").read_text(encoding="utf-8"), headers=PAGE_HEADERS)

        @console.route("", methods=["GET"], strict_slashes=True)
        async def page_without_slash(_: Request) -> HTTPResponse:
            # The page's files are linked as /staff/...: one address for it, the one `bot run` prints.
            return response.redirect("/staff/")

        @console.route("/<filename:str>", methods=["GET"])
        async def static(_: Request, filename: str) -> HTTPResponse:
            if filename not in STATIC_FILES:
                return error(404, "Fichier introuvable.")
            content = (STAFF_DIR / filename).read_bytes()
            return response.raw(content, content_type=STATIC_FILES[filename], headers=STATIC_HEADERS)

        @console.route("/api/session", methods=["GET"])
        async def session(request: Request) -> HTTPResponse:
            agent = ready_agent(request)
            return api_json({"clinic": load_settings().name, "model": model_view(agent) if agent else None})

        @console.route("/api/model", methods=["GET"])
        async def model(request: Request) -> HTTPResponse:
            agent = ready_agent(request)
            if agent is None:
                return api_json({"error": MODEL_LOADING}, 503)
            known = await catalogue()
            return api_json(
                {
                    **model_view(agent),
                    "topics": topics_view(known),
                    "examples_per_topic": known.examples_per_topic,
                }
            )

        @console.route("/api/try", methods=["POST"])
        async def try_question(request: Request) -> HTTPResponse:
            agent = ready_agent(request)
            if agent is None:
                return api_json({"error": MODEL_LOADING}, 503)
            body = json_body(request) if len(request.body or b"") <= MAX_BODY_BYTES else None
            text = body.get("text") if isinstance(body, dict) else None
            if not isinstance(text, str) or not text.strip():
                return api_json({"error": "Écrivez une question à essayer."}, 400)
            if len(text) > MAX_MESSAGE_CHARS:
                return api_json(
                    {"error": f"Question trop longue ({MAX_MESSAGE_CHARS} caractères au plus)."}, 400
                )
            reply = await ServerEngine(on_new_message, agent.tracker_store).first_reply(text)
            return api_json(reply_view(text, reply, await catalogue()))

        @console.route("/api/batch", methods=["POST"])
        async def batch(request: Request) -> HTTPResponse:
            agent = ready_agent(request)
            if agent is None:
                return api_json({"error": MODEL_LOADING}, 503)
            # JSON escapes make the body longer than the text itself: a little margin.
            body = json_body(request) if len(request.body or b"") <= 2 * MAX_BATCH_CHARACTERS else None
            if not isinstance(body, dict):
                return api_json({"error": "Requête invalide ou lot trop volumineux."}, 400)
            filename = body.get("filename") if isinstance(body.get("filename"), str) else None
            try:
                questions = parse_batch(body.get("content"), filename)
            except QuestionFileError as problem:
                return api_json({"error": str(problem)}, 400)
            engine = ServerEngine(on_new_message, agent.tracker_store)
            replies = await engine.first_replies(q.text for q in questions)
            return api_json(await batch_view(questions, replies))

        @console.route("/api/flags", methods=["GET"])
        async def flag_list(_: Request) -> HTTPResponse:
            return api_json({"flags": [flag_view(f) for f in await asyncio.to_thread(flags.list_flags)]})

        @console.route("/api/flags", methods=["POST"])
        async def flag_answer(request: Request) -> HTTPResponse:
            agent = ready_agent(request)
            if agent is None:
                return api_json({"error": MODEL_LOADING}, 503)
            body = json_body(request) if len(request.body or b"") <= 2 * MAX_BODY_BYTES else None
            form, problem = parse_flag(body, await catalogue())
            if problem:
                return api_json({"error": problem}, 400)
            flag = await asyncio.to_thread(
                flags.save_flag,
                question=form.question,
                answer_text=form.answer_text,
                answer_topic=form.answer_topic,
                answer_intent=form.answer_intent,
                expected_topic=form.expected_topic,
                expected_answer_key=form.expected_answer_key,
                comment=form.comment,
                model_version=agent.processor.model_filename,
            )
            return api_json(flag_view(flag), 201)

        @console.route("/api/flags/<flag_id:int>", methods=["DELETE"])
        async def flag_delete(_: Request, flag_id: int) -> HTTPResponse:
            if not await asyncio.to_thread(flags.delete_flag, flag_id):
                return api_json({"error": "Signalement introuvable (déjà supprimé ?)."}, 404)
            return api_json({"status": "ok"})

        @console.route("/api/flags/export", methods=["GET"])
        async def flag_export(_: Request) -> HTTPResponse:
            today = date.today()
            content = nlu_yaml(await asyncio.to_thread(flags.list_flags), await catalogue(), today)
            disposition = f'attachment; filename="questions-signalees-{today.isoformat()}.yml"'
            return response.text(
                content,
                content_type="text/yaml; charset=utf-8",
                headers={**API_HEADERS, "Content-Disposition": disposition},
            )

        @console.route("/api/callbacks", methods=["GET"])
        async def callback_list(request: Request) -> HTTPResponse:
            status = request.args.get("status") or None
            if status is not None and status not in callbacks.STATUSES:
                return api_json({"error": f"Statut inconnu : {status}."}, 400)
            requests = await asyncio.to_thread(callbacks.list_callbacks, status)
            return api_json(
                {"callbacks": [callback_view(r) for r in requests], "statuses": list(callbacks.STATUSES)}
            )

        @console.route("/api/callbacks/<reference:str>/status", methods=["POST"])
        async def callback_status(request: Request, reference: str) -> HTTPResponse:
            body = json_body(request) if len(request.body or b"") <= MAX_BODY_BYTES else None
            status = body.get("status") if isinstance(body, dict) else None
            if status not in callbacks.STATUSES:
                return api_json({"error": f"Statut attendu : {', '.join(callbacks.STATUSES)}."}, 400)
            try:
                updated = await asyncio.to_thread(callbacks.set_status, reference, status)
            except callbacks.UnknownReference:
                return api_json({"error": f"Demande de rappel introuvable : {reference}."}, 404)
            return api_json(callback_view(updated))

        return console
