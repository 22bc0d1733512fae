"""Conversation ids the server issues to the widget, and the ids the REST channel accepts.

A conversation id is the only key to a conversation: whoever sends it continues it (reads
"Sophie, à quel numéro...", finishes her form). So the server draws it (random) and signs it
(HMAC with the conversation secret, the same on every instance); the REST channel refuses
any other. Ids of the other channels (WhatsApp numbers, Telegram chats, Messenger ids, staff
checks) are never accepted there, not even with the development switch that lets curl
examples use ids of their own.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from functools import lru_cache
from typing import Optional

from bot.settings import ClinicSettings

logger = logging.getLogger(__name__)

ISSUED_PREFIX = "web-"
ISSUED_ID = re.compile(r"web-(?P<random>[0-9a-f]{32})\.(?P<signature>[0-9a-f]{32})")
# The shape of any conversation id a client may send (a full match: no trailing newline).
SENDER_ID = re.compile(r"[A-Za-z0-9_.:@+-]{1,128}")
# Ids other channels give their conversations: never reachable through REST.
FOREIGN_ID = re.compile(
    r"(whatsapp|sms|telegram|facebook|messenger|twilio|staff|local)[-_:].*|[+]?[0-9-]+|.*:.*", re.IGNORECASE
)

NOT_ISSUED = (
    "Identifiant de conversation inconnu : demandez-en un au serveur (POST /chat/conversation) "
    "et renvoyez-le tel quel."
)
FOREIGN = "Cet identifiant de conversation appartient à un autre canal."
MALFORMED = "Requête invalide : « sender » (identifiant de conversation) est obligatoire."


@lru_cache(maxsize=1)
def _process_key() -> bytes:
    logger.warning("CLINIC_CONVERSATION_SECRET unset: conversation ids are valid for this process only.")
    return secrets.token_bytes(32)


def signing_key(settings: ClinicSettings) -> bytes:
    return settings.conversation_secret.encode() if settings.conversation_secret else _process_key()


def signature(random_part: str, key: bytes) -> str:
    return hmac.new(key, f"{ISSUED_PREFIX}{random_part}".encode(), hashlib.sha256).hexdigest()[:32]


def issue(settings: ClinicSettings) -> str:
    random_part = secrets.token_hex(16)
    return f"{ISSUED_PREFIX}{random_part}.{signature(random_part, signing_key(settings))}"


def is_issued(sender: str, settings: ClinicSettings) -> bool:
    match = ISSUED_ID.fullmatch(sender)
    if match is None:
        return False
    expected = signature(match.group("random"), signing_key(settings))
    return hmac.compare_digest(expected, match.group("signature"))


def sender_problem(sender: object, settings: ClinicSettings) -> Optional[str]:
    """None for an id the REST channel serves; else the French reason it refuses it."""
    if not isinstance(sender, str) or not SENDER_ID.fullmatch(sender):
        return MALFORMED
    if is_issued(sender, settings):
        return None
    if FOREIGN_ID.fullmatch(sender):
        return FOREIGN
    return None if settings.accept_unsigned_senders else NOT_ISSUED
