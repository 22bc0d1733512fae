"""Who may use the staff console: whoever sends the clinic's staff token (CLINIC_STAFF_TOKEN)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Optional

DISABLED_MESSAGE = (
    "Console du cabinet désactivée : aucun jeton n'est défini. Définissez la variable "
    "d'environnement CLINIC_STAFF_TOKEN puis redémarrez l'assistant."
)
REFUSED_MESSAGE = "Jeton de la console manquant ou incorrect."


@dataclass(frozen=True)
class AccessRefused:
    status: int
    message: str


def presented_token(authorization: Optional[str]) -> Optional[str]:
    """The token of an `Authorization: Bearer <token>` header."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def token_matches(presented: Optional[str], expected: str) -> bool:
    if not presented or not expected:
        return False
    # Constant-time: the time taken says nothing of how much of the token was right.
    return hmac.compare_digest(presented.encode("utf-8"), expected.encode("utf-8"))


def access_refused(authorization: Optional[str], staff_token: str) -> Optional[AccessRefused]:
    """None when the request may go on; else the status and French message to answer with."""
    expected = staff_token.strip()
    if not expected:
        return AccessRefused(503, DISABLED_MESSAGE)
    if not token_matches(presented_token(authorization), expected):
        return AccessRefused(401, REFUSED_MESSAGE)
    return None
