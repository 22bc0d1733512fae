"""Riding out a short database outage (a PostgreSQL restart, a failover) instead of failing.

Rasa's tracker store wrapper answers a failed read or write by falling back to memory: the
patient's message is then acknowledged but never stored, or handled as the start of a new
conversation; a callback request would be refused. A few retries over some seconds cover a
restart; past them the error is raised.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable, TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError

logger = logging.getLogger(__name__)

T = TypeVar("T")
# Seconds between tries: about 20 s in all, longer than a database restart.
PAUSES = (0.2, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0)


def is_outage(error: Exception) -> bool:
    return isinstance(error, OperationalError) or (isinstance(error, DBAPIError) and error.connection_invalidated)


async def through_outage(operation: Callable[[], Awaitable[T]]) -> T:
    for pause in PAUSES:
        try:
            return await operation()
        except DBAPIError as error:
            if not is_outage(error):
                raise
            logger.warning("Database unreachable (%s); trying again in %s s.", type(error.orig).__name__, pause)
            await asyncio.sleep(pause)
    return await operation()
