"""Which trained model matches the training inputs, and how many models models/ keeps.

Rasa 3 writes a new model on every `rasa train`, even when nothing changed (its fingerprints
only decide which graph nodes its cache can reuse). A model here carries, in its file name,
the fingerprint of what it was trained from, so an unchanged project trains nothing.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Iterable, List, Optional

from bot.paths import MODELS_DIR, ROOT, VAR_DIR

# What a model is made of: Rasa's inputs, the code of the custom NLU components (and what
# they import), and the library versions.
TRAINING_INPUTS = (
    "config.yml", "domain.yml", "data", "requirements.lock",
    "bot/nlu", "bot/understanding", "bot/safety", "bot/text", "bot/knowledge",
)
INPUT_SUFFIXES = (".yml", ".yaml", ".py", ".lock", ".csv")
FINGERPRINT_LENGTH = 12
DEFAULT_MODELS_TO_KEEP = 3
# How long each model took to train, for the benchmark.
TRAINING_TIMES = VAR_DIR / "training_seconds.json"


def input_files(root: Path = ROOT, inputs: Iterable[str] = TRAINING_INPUTS) -> List[Path]:
    files: List[Path] = []
    for name in inputs:
        path = root / name
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        files += [f for f in candidates if f.is_file() and f.suffix in INPUT_SUFFIXES and "__pycache__" not in f.parts]
    return files


def training_fingerprint(root: Path = ROOT, inputs: Iterable[str] = TRAINING_INPUTS) -> str:
    """Changes when a training input changes (content or name), and only then."""
    digest = hashlib.sha256()
    for path in input_files(root, inputs):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:FINGERPRINT_LENGTH]


def model_name(fingerprint: str, now: Optional[float] = None) -> str:
    """`20261201-101500-<fingerprint>`: sorts by date, says what it was trained from."""
    return f"{time.strftime('%Y%m%d-%H%M%S', time.localtime(now))}-{fingerprint}"


def models(models_dir: Path = MODELS_DIR) -> List[Path]:
    """The model files, oldest first."""
    found = models_dir.glob("*.tar.gz") if models_dir.is_dir() else []
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def model_trained_from(fingerprint: str, models_dir: Path = MODELS_DIR) -> Optional[Path]:
    """The newest model trained from these inputs, if any."""
    matching = [m for m in models(models_dir) if m.name.endswith(f"-{fingerprint}.tar.gz")]
    return matching[-1] if matching else None


def make_latest(model: Path) -> None:
    """The server loads the newest model: an older one matching the inputs becomes it."""
    model.touch()


def prune_models(keep: int, models_dir: Path = MODELS_DIR) -> List[Path]:
    """Deletes all but the `keep` newest models; returns the deleted ones."""
    found = models(models_dir)
    deleted = found[: max(0, len(found) - max(1, keep))]
    for model in deleted:
        model.unlink()
    return deleted


def record_training_seconds(model: str, seconds: float, record: Path = TRAINING_TIMES) -> None:
    times = json.loads(record.read_text()) if record.exists() else {}
    times[model] = round(seconds, 1)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(times, indent=1))


def training_seconds(model: Path, record: Path = TRAINING_TIMES) -> Optional[float]:
    times = json.loads(record.read_text()) if record.exists() else {}
    return times.get(model.name.removesuffix(".tar.gz"))
