"""WhatsApp (and SMS) through Twilio: Rasa's channel, with Twilio's signature checked.

Differences with Rasa 3.6's TwilioInput: posts whose X-Twilio-Signature does not match
(computed on TWILIO_WEBHOOK_URL, the public address Twilio calls, which differs from the
server's own URL behind a proxy) are refused (403); sending does not block the server
(Twilio's asynchronous client); buttons become numbered choices, answered by their number;
answers are split at WhatsApp's 1600 characters; a photo or voice note gets a "text only"
answer. The API address is TWILIO_API_URL (tests).
"""

from __future__ import annotations

import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, response
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.request_validator import RequestValidator

from bot.channels.messaging import (
    Buttons,
    MessagingOutput,
    forbidden,
    handle_safely,
    not_configured,
    patient_message,
)
from bot.channels.shared_numbered_replies import Choices, numbered_replies

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.twilio.com"
SIGNATURE_HEADER = "X-Twilio-Signature"
WHATSAPP_PREFIX = "whatsapp:"
SEND_TIMEOUT_SECONDS = 10
# Twilio's way to say "no reply in this response": the answers are sent through the API.
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def form_of(request: Request) -> RequestParameters:
    """The posted form with its empty fields, which Twilio signs too (Sanic's `request.form`
    drops them: a photo sent without a caption has an empty Body)."""
    return RequestParameters(parse_qs(request.body.decode("utf-8", errors="replace"), keep_blank_values=True))


def sender_address(twilio_number: str, recipient: str) -> str:
    """The clinic's number in the recipient's channel ("whatsapp:+1..." for a WhatsApp patient)."""
    if recipient.startswith(WHATSAPP_PREFIX) and not twilio_number.startswith(WHATSAPP_PREFIX):
        return WHATSAPP_PREFIX + twilio_number
    return twilio_number


def patient_text(form: RequestParameters) -> Optional[str]:
    """The text typed; None for a photo, a voice note or a location sent without text."""
    body = form.get("Body") or ""
    has_media = form.get("NumMedia", "0") not in ("", "0")
    if not body.strip() and (has_media or form.get("Latitude")):
        return None
    return body


class PatientTwilioOutput(MessagingOutput, TwilioOutput):
    max_chars = 1600

    def __init__(
        self, account_sid: str, auth_token: str, twilio_number: str, api_url: str, choices: Choices
    ) -> None:
        TwilioOutput.__init__(self, account_sid, auth_token, twilio_number)
        self.http_client = AsyncTwilioHttpClient(pool_connections=False, timeout=SEND_TIMEOUT_SECONDS)
        self.api.base_url = api_url
        self.choices = choices

    async def send_text(self, recipient_id: str, text: str, buttons: Buttons) -> None:
        await self.messages.create_async(
            to=recipient_id, from_=sender_address(self.twilio_number, recipient_id), body=text
        )


class PatientTwilioInput(TwilioInput):
    @classmethod
    def name(cls) -> str:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(
            account_sid=str(credentials.get("account_sid") or ""),
            auth_token=str(credentials.get("auth_token") or ""),
            twilio_number=str(credentials.get("twilio_number") or ""),
            webhook_url=str(credentials.get("webhook_url") or ""),
            api_url=os.environ.get("TWILIO_API_URL") or DEFAULT_API_URL,
        )

    def __init__(
        self, account_sid: str, auth_token: str, twilio_number: str, webhook_url: str, api_url: str
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number, debug_mode=False)
        self.webhook_url = webhook_url
        self.output = (
            PatientTwilioOutput(account_sid, auth_token, twilio_number, api_url, numbered_replies())
            if account_sid and auth_token and twilio_number
            else None
        )

    def get_output_channel(self) -> Optional[PatientTwilioOutput]:
        return self.output

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"patient_twilio_{id(self)}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.output else "not configured"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if self.output is None:
                return not_configured(self.name(), "TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_NUMBER")
            form = form_of(request)
            signature = request.headers.get(SIGNATURE_HEADER)
            # Behind a proxy request.url is the internal address, not the one Twilio signed.
            signed_url = self.webhook_url or request.url
            if not signature or not RequestValidator(self.auth_token).validate(signed_url, form, signature):
                return forbidden(self.name(), f"missing or wrong signature for {signed_url}")
            sender = form.get("From")
            if sender:
                text = patient_text(form)
                await handle_safely(
                    on_new_message,
                    patient_message(text, sender, self.output, self.name(), self.output.choices),
                )
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return webhook
