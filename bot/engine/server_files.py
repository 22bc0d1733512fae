"""The server's own files: private to the account that runs it (health data, secrets)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PRIVATE_MODE = 0o600


def private_files(folder: Path) -> None:
    """Files created from now on by this process and its children are 0600, and those already in
    `folder` (databases from an older version) become so."""
    os.umask(0o077)
    folder.mkdir(exist_ok=True)
    folder.chmod(0o700)
    for path in folder.iterdir():
        if path.is_file():
            path.chmod(PRIVATE_MODE)


def stored_secret(path: Path) -> str:
    """A random secret kept in `path` (0600), drawn the first time: it survives restarts."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    secret = secrets.token_urlsafe(32)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secret)
    return secret
