"""The message every channel hands to Rasa: the guarded text, and the patient's own when it differs."""

from __future__ import annotations

from typing import Optional

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot.text.input_guard import prepare_text, stored_original


def guarded_message(
    raw: object,
    sender: str,
    output: OutputChannel,
    input_channel: Optional[str],
    replacement: Optional[str] = None,
) -> UserMessage:
    """`replacement` stands for the typed text (a numbered choice turned into its button payload)."""
    prepared = prepare_text(replacement or raw)
    metadata = {"original_text": stored_original(raw)} if prepared.text != raw else None
    return UserMessage(prepared.text, output, sender, input_channel=input_channel, metadata=metadata)
