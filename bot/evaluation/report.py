"""Writes the evaluation report: index.html, the two PNG plots and summary.json."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.evaluation.plots import confidence_histogram_png, confusion_matrix_png
from bot.evaluation.scoring import Evaluation, summary

TEMPLATES = Path(__file__).parent / "templates"


def render_html(evaluation: Evaluation, model_name: str, source_name: str) -> str:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return environment.get_template("report.html").render(
        evaluation=evaluation,
        model_name=model_name,
        source_name=source_name,
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    )


def write_report(evaluation: Evaluation, folder: Path, model_name: str, source_name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if evaluation.labelled:
        (folder / "confusion_matrix.png").write_bytes(confusion_matrix_png(evaluation))
    (folder / "confidence_histogram.png").write_bytes(confidence_histogram_png(evaluation))
    data = {"model": model_name, "questions_file": source_name, **summary(evaluation)}
    (folder / "summary.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    index = folder / "index.html"
    index.write_text(render_html(evaluation, model_name, source_name), encoding="utf-8")
    return index
