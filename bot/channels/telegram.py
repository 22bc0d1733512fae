"""Telegram channel: Rasa's, with the webhook secret checked and no blocking start-up call.

Differences with Rasa 3.6's TelegramInput: posts without Telegram's secret-token header
(X-Telegram-Bot-Api-Secret-Token) are refused (403); the webhook is registered with that
secret when the server starts, inside its event loop (Rasa uses `asyncio.run` there, which
leaves the bot's HTTP session on a closed loop), and only when a token and a public URL are
set; no `getMe` call per message; long answers are split at 4096 characters; answers go out
as plain text (no Markdown to escape). The API address is TELEGRAM_API_URL (tests).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from typing import Any, Awaitable, Callable, Dict, Optional, Tuple

from aiogram.bot.api import TelegramAPIServer
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.messaging import (
    Buttons,
    MessagingOutput,
    forbidden,
    handle_safely,
    not_configured,
    patient_message,
    same_secret,
)
from bot.channels.shared_numbered_replies import Choices, numbered_replies

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram refuses an inline button whose callback data is longer.
MAX_CALLBACK_DATA_BYTES = 64
# Telegram's own command when a patient opens the bot, and its meaning here.
START_COMMAND = re.compile(r"^/start(@\w+)?(\s|$)")
GREETING_PAYLOAD = "/greet"
UPDATE_KINDS = ["message", "edited_message", "callback_query"]
# aiohttp would wait 5 minutes, holding the server's start-up when Telegram is unreachable.
API_TIMEOUT_SECONDS = 10


class PatientTelegramOutput(MessagingOutput, TelegramOutput):
    max_chars = 4096

    def __init__(self, access_token: str, api_url: str, choices: Choices) -> None:
        TelegramOutput.__init__(self, access_token)
        self.server = TelegramAPIServer.from_base(api_url)
        self.timeout = API_TIMEOUT_SECONDS
        self.choices = choices

    def shows_buttons(self, buttons: Buttons) -> bool:
        return all(len(button["payload"].encode()) <= MAX_CALLBACK_DATA_BYTES for button in buttons)

    async def send_text(self, recipient_id: str, text: str, buttons: Buttons) -> None:
        if not buttons:
            await self.send_message(recipient_id, text)
            return
        # One button per line: a row of many buttons is unreadable on a phone.
        layout = "inline" if len(buttons) <= 2 else "vertical"
        await self.send_text_with_buttons(recipient_id, text, buttons, button_type=layout)

    async def register_webhook(self, url: str, secret_token: str) -> None:
        # aiogram 2 predates `secret_token`: the API method is called directly.
        await self.request(
            "setWebhook",
            {"url": url, "secret_token": secret_token, "allowed_updates": json.dumps(UPDATE_KINDS)},
        )


class PatientTelegramInput(TelegramInput):
    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(
            access_token=str(credentials.get("access_token") or ""),
            webhook_url=str(credentials.get("webhook_url") or ""),
            secret_token=str(credentials.get("secret_token") or ""),
            api_url=os.environ.get("TELEGRAM_API_URL") or DEFAULT_API_URL,
        )

    def __init__(self, access_token: str, webhook_url: str, secret_token: str, api_url: str) -> None:
        super().__init__(access_token, verify=None, webhook_url=webhook_url, debug_mode=False)
        self.secret_token = secret_token
        self.output = (
            PatientTelegramOutput(access_token, api_url, numbered_replies()) if access_token else None
        )

    def get_output_channel(self) -> Optional[PatientTelegramOutput]:
        return self.output

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"patient_telegram_{id(self)}", __name__)

        @webhook.listener("before_server_start")
        async def register_webhook(*_: Any) -> None:
            if self.output is None or not self.webhook_url or not self.secret_token:
                logger.info("Telegram: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL or TELEGRAM_SECRET_TOKEN unset.")
                return
            try:
                await self.output.register_webhook(self.webhook_url, self.secret_token)
            except (TelegramAPIError, asyncio.TimeoutError) as error:  # the other channels keep working
                logger.error("Telegram refused the webhook %s: %s", self.webhook_url, error)

        @webhook.listener("after_server_stop")
        async def close_session(*_: Any) -> None:
            if self.output is not None:
                await self.output.close()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.output and self.secret_token else "not configured"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if self.output is None or not self.secret_token:
                return not_configured(self.name(), "TELEGRAM_TOKEN, TELEGRAM_SECRET_TOKEN")
            if not same_secret(request.headers.get(SECRET_HEADER), self.secret_token):
                return forbidden(self.name(), "missing or wrong secret token")
            update = request.json if isinstance(request.json, dict) else {}
            received = await self.read_update(self.output, update)
            if received is not None:
                chat_id, text = received
                message = patient_message(text, chat_id, self.output, self.name(), self.output.choices)
                await handle_safely(on_new_message, message)
            return response.text("ok")

        return webhook

    @staticmethod
    async def read_update(
        output: PatientTelegramOutput, update: Dict[str, Any]
    ) -> Optional[Tuple[str, Optional[str]]]:
        """The chat and the patient's text (None when not text); None for updates to ignore."""
        query = update.get("callback_query")
        if isinstance(query, dict):
            chat = ((query.get("message") or {}).get("chat") or {}).get("id")
            try:  # stops the spinner on the tapped button
                await output.answer_callback_query(query.get("id"))
            except TelegramAPIError as error:
                logger.warning("Telegram callback query not acknowledged: %s", error)
            return (str(chat), query.get("data")) if chat is not None else None
        message = update.get("message") or update.get("edited_message")
        if not isinstance(message, dict) or (message.get("chat") or {}).get("id") is None:
            return None
        text = message.get("text")
        if isinstance(text, str) and START_COMMAND.match(text):
            text = GREETING_PAYLOAD
        return str(message["chat"]["id"]), text if isinstance(text, str) else None
