"""What the messaging apps (Telegram, WhatsApp through Twilio, Messenger) share.

Incoming: a choice typed as a number becomes its button's payload, then the text goes
through `bot.text.input_guard` like on the REST channel. Outgoing: one bot message becomes one
or more app messages within the app's length limit, with buttons the app can show, or
numbered choices when it cannot.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any, Awaitable, Callable, ClassVar, Dict, List, Optional

from rasa.core.channels.channel import OutputChannel, UserMessage
from sanic import response
from sanic.response import HTTPResponse

from bot.channels.shared_numbered_replies import Choices
from bot.channels.text_rendering import numbered_choices, readable_parts
from bot.text.guarded_message import guarded_message
from bot.text.input_guard import problem_payload

logger = logging.getLogger(__name__)

Buttons = List[Dict[str, Any]]


def patient_message(
    raw: Optional[str], sender: str, output: OutputChannel, channel: str, choices: Choices
) -> UserMessage:
    """The message Rasa handles for what the patient typed (`None`: a photo, a voice note...)."""
    if raw is None:
        return UserMessage(problem_payload("no_text"), output, sender, input_channel=channel)
    return guarded_message(raw, sender, output, channel, choices.take_answer(sender, raw))


async def handle_safely(
    on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage
) -> None:
    """Platforms resend a message whose webhook failed: a failure is logged, not answered 500."""
    try:
        await on_new_message(message)
    except Exception:
        # The sender id of WhatsApp or SMS is the patient's phone number: not logged.
        logger.exception("A message on %s could not be handled.", message.input_channel)


def same_secret(received: Optional[str], expected: str) -> bool:
    return hmac.compare_digest((received or "").encode(), expected.encode())


def not_configured(channel: str, variables: str) -> HTTPResponse:
    logger.warning("Webhook %s refused: set %s to enable this channel.", channel, variables)
    return response.text(f"Canal {channel} non configuré ({variables}).", status=503)


def forbidden(channel: str, reason: str) -> HTTPResponse:
    logger.warning("Webhook %s refused: %s.", channel, reason)
    return response.text("Requête refusée.", status=403)


class MessagingOutput(OutputChannel):
    """Sends bot messages within an app's limits; the app's sending is left to subclasses."""

    max_chars: ClassVar[int]
    choices: Choices

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        buttons: Buttons = list(message.get("quick_replies") or message.get("buttons") or [])
        choices_text = None
        if buttons and not self.shows_buttons(buttons):
            first_number = self.choices.offer(recipient_id, buttons)
            choices_text = numbered_choices(buttons, first_number)
            buttons = self.number_buttons(buttons, first_number)
        parts = readable_parts(message.get("text") or "", self.max_chars, choices_text)
        if not parts:
            return
        for part in parts[:-1]:
            await self.send_text(recipient_id, part, [])
        await self.send_text(recipient_id, parts[-1], buttons)

    def shows_buttons(self, buttons: Buttons) -> bool:
        """Whether the app can show these buttons as such (else they become numbered choices)."""
        return False

    def number_buttons(self, buttons: Buttons, first_number: int) -> Buttons:
        """Buttons that go with numbered choices (e.g. tappable numbers); none by default."""
        return []

    async def send_text(self, recipient_id: str, text: str, buttons: Buttons) -> None:
        raise NotImplementedError
