"""A model is found again from its training inputs; models/ keeps only the newest few."""

from __future__ import annotations

import os
from pathlib import Path

from bot.engine.trained_models import (
    make_latest,
    model_name,
    model_trained_from,
    models,
    prune_models,
    record_training_seconds,
    training_fingerprint,
    training_seconds,
)

INPUTS = ("config.yml", "data")


def project(root: Path) -> Path:
    (root / "data").mkdir()
    (root / "config.yml").write_text("pipeline: []\n")
    (root / "data" / "nlu.yml").write_text("nlu: []\n")
    (root / "data" / "notes.txt").write_text("not read by Rasa\n")
    return root


def write_model(models_dir: Path, name: str, age_seconds: float) -> Path:
    models_dir.mkdir(exist_ok=True)
    model = models_dir / f"{name}.tar.gz"
    model.write_bytes(b"model")
    stamp = 1_000_000 - age_seconds
    os.utime(model, (stamp, stamp))
    return model


def test_fingerprint_is_stable_and_follows_the_training_inputs(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = training_fingerprint(root, INPUTS)
    assert training_fingerprint(root, INPUTS) == first
    (root / "data" / "notes.txt").write_text("edited, still not a training input\n")
    assert training_fingerprint(root, INPUTS) == first
    (root / "data" / "nlu.yml").write_text("nlu: [changed]\n")
    assert training_fingerprint(root, INPUTS) != first


def test_renaming_a_data_file_changes_the_fingerprint(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = training_fingerprint(root, INPUTS)
    (root / "data" / "nlu.yml").rename(root / "data" / "faq.yml")
    assert training_fingerprint(root, INPUTS) != before


def test_the_model_trained_from_the_same_inputs_is_found(tmp_path: Path) -> None:
    models_dir = tmp_path / "models"
    trained = write_model(models_dir, model_name("abc123", now=0), age_seconds=10)
    write_model(models_dir, model_name("other", now=0), age_seconds=5)
    assert model_trained_from("abc123", models_dir) == trained
    assert model_trained_from("unknown", models_dir) is None


def test_a_reused_model_becomes_the_latest(tmp_path: Path) -> None:
    models_dir = tmp_path / "models"
    reused = write_model(models_dir, "old-abc123", age_seconds=10)
    write_model(models_dir, "new-other", age_seconds=5)
    make_latest(reused)
    assert models(models_dir)[-1] == reused


def test_only_the_newest_models_are_kept(tmp_path: Path) -> None:
    models_dir = tmp_path / "models"
    written = [write_model(models_dir, f"m{age}", age_seconds=age) for age in (40, 30, 20, 10)]
    deleted = prune_models(2, models_dir)
    assert deleted == written[:2]
    assert models(models_dir) == written[2:]
    assert prune_models(0, models_dir) == written[2:3]  # the model in use is never deleted


def test_training_times_are_recorded_per_model(tmp_path: Path) -> None:
    record = tmp_path / "var" / "training_seconds.json"
    record_training_seconds("20261201-101500-abc123", 61.04, record)
    assert training_seconds(tmp_path / "20261201-101500-abc123.tar.gz", record) == 61.0
    assert training_seconds(tmp_path / "other.tar.gz", record) is None
