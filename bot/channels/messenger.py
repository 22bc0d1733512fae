"""Facebook Messenger: Rasa's channel, with Meta's SHA-256 signature checked in constant time.

Differences with Rasa 3.6's FacebookInput: it checks the older SHA-1 X-Hub-Signature with
`==` (timing leak), takes the hash function named by the request itself, and answers a
forged post 200 "not validated"; here only X-Hub-Signature-256 is accepted, compared with
`hmac.compare_digest`, and a bad post gets 403. Every event of a batched post is handled
(Rasa stops at the first). Sending goes through the Graph API without blocking the server
(the fbmessenger client uses blocking `requests` on Graph API v2.12), at MESSENGER_API_URL
(tests). Buttons become quick replies, or numbered choices with tappable numbers when their
titles are too long for Messenger.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Dict, Iterator, List, Optional, Tuple

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput
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

# Graph API versions live two years at least; MESSENGER_API_URL overrides this one.
DEFAULT_API_URL = "https://graph.facebook.com/v23.0"
SIGNATURE_HEADER = "X-Hub-Signature-256"
MAX_QUICK_REPLIES = 13
MAX_QUICK_REPLY_TITLE = 20
SEND_TIMEOUT = aiohttp.ClientTimeout(total=10)


def hub_signature(app_secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def patient_events(payload: Dict[str, Any]) -> Iterator[Tuple[str, Optional[str]]]:
    """(sender, text) for each patient message of a webhook post; text None for an attachment."""
    for entry in payload.get("entry") or []:
        for event in entry.get("messaging") or []:
            sender = str((event.get("sender") or {}).get("id") or "")
            message = event.get("message") or {}
            if not sender or message.get("is_echo"):
                continue
            if event.get("postback"):
                yield sender, event["postback"].get("payload")
            elif message.get("quick_reply"):
                yield sender, message["quick_reply"].get("payload")
            elif "text" in message:
                yield sender, message["text"]
            elif message.get("attachments"):
                yield sender, None


class PatientMessengerOutput(MessagingOutput):
    max_chars = 2000

    @classmethod
    def name(cls) -> str:
        return "facebook"

    def __init__(
        self, page_access_token: str, app_secret: str, api_url: str, choices: Choices
    ) -> None:
        self.messages_url = f"{api_url.rstrip('/')}/me/messages"
        self.auth = {
            "access_token": page_access_token,
            # Graph API's proof that the call comes from the app ("Require App Secret" setting).
            "appsecret_proof": hmac.new(
                app_secret.encode(), page_access_token.encode(), hashlib.sha256
            ).hexdigest(),
        }
        self.choices = choices

    def shows_buttons(self, buttons: Buttons) -> bool:
        return len(buttons) <= MAX_QUICK_REPLIES and all(
            len(button["title"]) <= MAX_QUICK_REPLY_TITLE for button in buttons
        )

    def number_buttons(self, buttons: Buttons, first_number: int) -> Buttons:
        if len(buttons) > MAX_QUICK_REPLIES:
            return []
        return [
            {"title": str(number), "payload": button["payload"]}
            for number, button in enumerate(buttons, start=first_number)
        ]

    async def send_text(self, recipient_id: str, text: str, buttons: Buttons) -> None:
        message: Dict[str, Any] = {"text": text}
        if buttons:
            message["quick_replies"] = quick_replies(buttons)
        body = {"recipient": {"id": recipient_id}, "messaging_type": "RESPONSE", "message": message}
        async with (
            aiohttp.ClientSession(timeout=SEND_TIMEOUT) as session,
            session.post(self.messages_url, params=self.auth, json=body) as reply,
        ):
            if reply.status != 200:
                raise RuntimeError(f"Messenger refused the message ({reply.status}): {await reply.text()}")


def quick_replies(buttons: Buttons) -> List[Dict[str, str]]:
    return [{"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons]


class PatientMessengerInput(FacebookInput):
    @classmethod
    def name(cls) -> str:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(
            str(credentials.get("verify") or ""),
            str(credentials.get("secret") or ""),
            str(credentials.get("page-access-token") or ""),
            api_url=os.environ.get("MESSENGER_API_URL") or DEFAULT_API_URL,
        )

    def __init__(self, fb_verify: str, fb_secret: str, fb_access_token: str, api_url: str) -> None:
        super().__init__(fb_verify, fb_secret, fb_access_token)
        self.output = (
            PatientMessengerOutput(fb_access_token, fb_secret, api_url, numbered_replies())
            if fb_secret and fb_access_token
            else None
        )

    def get_output_channel(self) -> Optional[PatientMessengerOutput]:
        return self.output

    @staticmethod
    def validate_hub_signature(app_secret: str, request_payload: bytes, hub_signature_header: str) -> bool:
        return same_secret(hub_signature_header, hub_signature(app_secret, request_payload))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"patient_messenger_{id(self)}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.output and self.fb_verify else "not configured"})

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            # Meta's one-time check when the webhook address is registered.
            if not self.fb_verify:
                return not_configured(self.name(), "MESSENGER_VERIFY_TOKEN")
            if request.args.get("hub.mode") != "subscribe" or not same_secret(
                request.args.get("hub.verify_token"), self.fb_verify
            ):
                return forbidden(self.name(), "wrong verify token")
            return response.text(request.args.get("hub.challenge") or "")

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if self.output is None:
                return not_configured(self.name(), "MESSENGER_APP_SECRET, MESSENGER_PAGE_ACCESS_TOKEN")
            signature = request.headers.get(SIGNATURE_HEADER) or ""
            if not self.validate_hub_signature(self.fb_secret, request.body, signature):
                return forbidden(self.name(), "missing or wrong X-Hub-Signature-256")
            payload = request.json if isinstance(request.json, dict) else {}
            for sender, text in patient_events(payload):
                message = patient_message(text, sender, self.output, self.name(), self.output.choices)
                await handle_safely(on_new_message, message)
            return response.text("EVENT_RECEIVED")

        return webhook
