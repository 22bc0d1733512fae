"""One SQLAlchemy engine per database URL; tables are created on first use.

SQLite (the default, a file under var/) needs no service; PostgreSQL is used by giving a
`postgresql://` URL in the clinic settings (CLINIC_DATABASE_URL).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional, overload

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker

from bot.settings import load_settings

Base = declarative_base()


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        private_file(Path(url[len("sqlite:///") :]))
        engine = create_engine(url, future=True, connect_args={"check_same_thread": False, "timeout": 30})
        # WAL lets the action server write while the staff console reads.
        event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA journal_mode=WAL"))
    else:
        engine = create_engine(url, future=True, pool_pre_ping=True)
    # Import every table module so that each table is known before create_all.
    import bot.storage.tables  # noqa: F401

    Base.metadata.create_all(engine)
    return engine


def private_file(path: Path) -> None:
    """The database file readable by this account only (patients' names, phones, health reasons)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    path.chmod(0o600)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@overload
def as_utc(moment: datetime) -> datetime: ...


@overload
def as_utc(moment: None) -> None: ...


def as_utc(moment: Optional[datetime]) -> Optional[datetime]:
    """SQLite gives back naive datetimes: they were stored in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


def current_engine(url: Optional[str] = None) -> Engine:
    return engine_for(url or load_settings().resolved_database_url)


@contextmanager
def session_scope(url: Optional[str] = None) -> Iterator[Session]:
    """A transaction: committed when the block ends normally, rolled back on error."""
    session = sessionmaker(bind=current_engine(url), future=True, expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
