"""Trying questions: the session, the model, one question, a batch."""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.http import json_body
from bot.evaluation.questions import QuestionFileError
from bot.settings import load_settings
from bot.staff.api import MAX_BODY_BYTES, api_error, api_json, catalogue, model_view, needs_model, ready_agent
from bot.staff.batch import MAX_BATCH_CHARACTERS, batch_view, parse_batch
from bot.staff.engine import staff_engine
from bot.staff.views import reply_view, topics_view
from bot.text.input_guard import MAX_MESSAGE_CHARS


def add_trying_routes(console: Blueprint, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
    @console.route("/api/session", methods=["GET"])
    async def session(request: Request) -> HTTPResponse:
        agent = ready_agent(request)
        return api_json({"clinic": load_settings().name, "model": model_view(agent) if agent else None})

    @console.route("/api/model", methods=["GET"])
    @needs_model
    async def model(_: Request, agent: Agent) -> HTTPResponse:
        known = await catalogue()
        return api_json(
            {**model_view(agent), "topics": topics_view(known), "examples_per_topic": known.examples_per_topic}
        )

    @console.route("/api/try", methods=["POST"])
    @needs_model
    async def try_question(request: Request, agent: Agent) -> HTTPResponse:
        body = json_body(request, MAX_BODY_BYTES)
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str) or not text.strip():
            return api_error(400, "Écrivez une question à essayer.")
        if len(text) > MAX_MESSAGE_CHARS:
            return api_error(400, f"Question trop longue ({MAX_MESSAGE_CHARS} caractères au plus).")
        reply = await staff_engine(on_new_message, agent.tracker_store).first_reply(text)
        return api_json(reply_view(text, reply, await catalogue()))

    @console.route("/api/batch", methods=["POST"])
    @needs_model
    async def batch(request: Request, agent: Agent) -> HTTPResponse:
        # JSON escapes make the body longer than the text itself: a little margin.
        body = json_body(request, 2 * MAX_BATCH_CHARACTERS)
        if not isinstance(body, dict):
            return api_error(400, "Requête invalide ou lot trop volumineux.")
        filename = body.get("filename") if isinstance(body.get("filename"), str) else None
        try:
            questions = parse_batch(body.get("content"), filename)
        except QuestionFileError as problem:
            return api_error(400, str(problem))
        replies = await staff_engine(on_new_message, agent.tracker_store).first_replies(q.text for q in questions)
        return api_json(await batch_view(questions, replies))
