"""Stock Rasa, the yardstick: `rasa init`'s default config trained on this project's data.

The model is trained once per content of the data, domain and Rasa version (a hash names it)
and reused by every later `make bench`, with the seconds its training took. On this project's
7,100 examples that first training is long: DIET alone takes about 46 s per epoch on 2 cores
(100 epochs, then the ResponseSelector's 100 and TED's), so Rasa's progress bars are shown.

`--epochs N` trains the same networks for N epochs instead of 100 (minutes instead of hours):
its parse time, memory and model size are stock Rasa's, since they depend on the networks and
not on how long they were trained; its accuracy and training time are not, and the bench leaves
them out (a "timing-only" stock model, named apart).

Usage: .venv/bin/python -m benchmarks.stock_model [--epochs N]   (trains if needed, prints the model path)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from bot.paths import DATA_DIR, ROOT, VAR_DIR

STOCK_DIR = VAR_DIR / "bench" / "stock"


EPOCHS = re.compile(r"^(\s+epochs:) \d+$", re.MULTILINE)


@dataclass(frozen=True)
class StockModel:
    path: Path
    training_seconds: float
    # None: trained as stock Rasa trains (every figure comparable); else the epochs of a
    # timing-only model (parse time, memory and size comparable; accuracy and training time not).
    epochs: Optional[int] = None

    @property
    def timing_only(self) -> bool:
        return self.epochs is not None


def stock_config(epochs: Optional[int] = None) -> str:
    """Rasa's own default config (what `rasa init` trains), in French like the project; with
    `epochs`, every model trained that many epochs instead of 100."""
    import rasa.engine.recipes  # the package that ships the default config

    default = Path(rasa.engine.recipes.__file__).parent / "config_files" / "default_config.yml"
    config = default.read_text().replace("language: en", "language: fr")
    if epochs is None:
        return config
    if len(EPOCHS.findall(config)) != 4:  # DIET, ResponseSelector, UnexpecTED, TED
        raise ValueError("Rasa's default config no longer sets four `epochs:`: update benchmarks/stock_model.py.")
    return EPOCHS.sub(rf"\1 {epochs}", config)


def training_inputs_hash(config: str) -> str:
    """Changes with the data, the domain, the config and the Rasa version, nothing else."""
    import rasa

    digest = hashlib.sha256(f"{rasa.__version__}\n{config}".encode())
    for path in sorted(DATA_DIR.rglob("*.yml")) + [ROOT / "domain.yml"]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def stock_model(reuse_any: bool = False, epochs: Optional[int] = None) -> StockModel:
    """The stock model for the current data: reused when trained before, else trained now.

    `reuse_any`: the newest stock model, even trained on older data (a quick comparison while
    the data is being edited; the table says which model it is). `epochs`: a timing-only model.
    """
    config = stock_config(epochs)
    prefix = "stock" if epochs is None else f"stock-timing-{epochs}"
    name = f"{prefix}-{training_inputs_hash(config)}"
    model, record = STOCK_DIR / f"{name}.tar.gz", STOCK_DIR / f"{name}.json"
    if reuse_any and not model.exists():
        # Hex hashes after the prefix: "stock-*" would also take the timing-only "stock-timing-*".
        trained = sorted(STOCK_DIR.glob(f"{prefix}-[0-9a-f]*.tar.gz"), key=lambda p: p.stat().st_mtime)
        if trained:
            model = trained[-1]
            record = model.with_name(model.name.removesuffix(".tar.gz") + ".json")
    if model.exists() and record.exists():
        return StockModel(model, json.loads(record.read_text())["training_seconds"], epochs)
    STOCK_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        config_file = Path(scratch) / "config.yml"
        config_file.write_text(config)
        # An empty cache of its own: the training time is that of a first training.
        env = {**os.environ, "RASA_CACHE_DIRECTORY": str(Path(scratch) / "cache"), "RASA_TELEMETRY_ENABLED": "false"}
        print(f"Entraînement du modèle Rasa standard ({name}), une fois pour ces données...", flush=True)
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable, "-m", "rasa", "train", "--num-threads", "2",
                "--config", str(config_file), "--domain", "domain.yml", "--data", "data",
                "--out", str(STOCK_DIR), "--fixed-model-name", name,
            ],
            cwd=ROOT, env=env, check=True,
        )
        seconds = time.perf_counter() - started
    record.write_text(json.dumps({"training_seconds": round(seconds, 1)}))
    return StockModel(model, seconds, epochs)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, help="a timing-only model, trained this many epochs instead of 100")
    found = stock_model(epochs=parser.parse_args().epochs)
    print(f"{found.path} (entraîné en {found.training_seconds:.0f} s)")
