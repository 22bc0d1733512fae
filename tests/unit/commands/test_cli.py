"""The command line: every command is listed, and errors are clear."""

from __future__ import annotations

import subprocess
import sys

from bot.cli import build_parser, main

COMMANDS = {"run", "ask", "evaluate", "callbacks"}


def test_help_lists_the_commands():
    result = subprocess.run([sys.executable, "-m", "bot", "--help"], capture_output=True, text=True, check=True)
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("    ") and line.split()}
    assert listed >= COMMANDS


def test_ask_without_a_model_says_how_to_train(tmp_path, capsys):
    assert main(["ask", "bonjour", "--model", str(tmp_path)]) == 2
    assert "make train" in capsys.readouterr().err


def test_evaluate_rejects_a_file_without_text_column(tmp_path, capsys):
    bad = tmp_path / "questions.csv"
    bad.write_text("question,topic\nprix,cost\n", encoding="utf-8")
    assert main(["evaluate", str(bad), "--model", str(tmp_path)]) == 2
    assert "Colonne « text » manquante" in capsys.readouterr().err


def test_bad_settings_are_reported_not_raised(tmp_path, monkeypatch, capsys):
    broken = tmp_path / "clinic.yml"
    broken.write_text("country: DE\n", encoding="utf-8")
    monkeypatch.setenv("CLINIC_SETTINGS_FILE", str(broken))
    from bot.settings import load_settings

    load_settings.cache_clear()
    assert main(["run", "--port", "1"]) == 2
    assert "Erreur de réglages" in capsys.readouterr().err


def test_parser_has_no_unknown_command():
    assert build_parser().parse_args(["ask", "x"]).command == "ask"
