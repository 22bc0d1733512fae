"""Flagged answers: list, flag, delete, and the export as Rasa training data."""

from __future__ import annotations

import asyncio
from datetime import date

from rasa.core.agent import Agent
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.http import json_body
from bot.staff.api import API_HEADERS, MAX_BODY_BYTES, api_error, api_json, catalogue, needs_model
from bot.staff.flag_form import parse_flag
from bot.staff.nlu_export import nlu_yaml
from bot.staff.views import flag_view
from bot.storage import flags


def add_flag_routes(console: Blueprint) -> None:
    @console.route("/api/flags", methods=["GET"])
    async def flag_list(_: Request) -> HTTPResponse:
        return api_json({"flags": [flag_view(f) for f in await asyncio.to_thread(flags.list_flags)]})

    @console.route("/api/flags", methods=["POST"])
    @needs_model
    async def flag_answer(request: Request, agent: Agent) -> HTTPResponse:
        form, problem = parse_flag(json_body(request, 2 * MAX_BODY_BYTES), await catalogue())
        if form is None:
            return api_error(400, str(problem))
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
            return api_error(404, "Signalement introuvable (déjà supprimé ?).")
        return api_json({"status": "ok"})

    @console.route("/api/flags/export", methods=["GET"])
    async def flag_export(_: Request) -> HTTPResponse:
        today = date.today()
        content = nlu_yaml(await asyncio.to_thread(flags.list_flags), await catalogue(), today)
        disposition = f'attachment; filename="questions-signalees-{today.isoformat()}.yml"'
        headers = {**API_HEADERS, "Content-Disposition": disposition}
        return response.text(content, content_type="text/yaml; charset=utf-8", headers=headers)
