"""What goes into a trainable component's config so that Rasa's training cache sees a change.

Rasa keys a graph node on its class's own source and its config, not on the other files it
trains from or with (the code of bot/understanding, data/safety's labelled messages): their
fingerprint goes into the config, or a changed file would be taken from the cache.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable


def files_fingerprint(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
