"""The layout the README describes: a small bot/ root, short functions, actions that stay thin."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, Tuple

from bot.paths import ROOT

MAX_FUNCTION_LINES = 60
ROOT_MODULES = {"__init__.py", "__main__.py", "cli.py", "paths.py", "settings.py"}


def functions(folder: Path) -> Iterator[Tuple[str, int]]:
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno is not None
                yield f"{path.relative_to(ROOT)}:{node.lineno} {node.name}", node.end_lineno - node.lineno + 1


def test_no_function_is_longer_than_sixty_lines():
    too_long = {
        name: lines
        for folder in ("bot", "actions")
        for name, lines in functions(ROOT / folder)
        if lines > MAX_FUNCTION_LINES
    }
    assert not too_long, f"plus de {MAX_FUNCTION_LINES} lignes : {too_long}"


def test_only_the_entry_point_and_configuration_sit_at_the_root_of_bot():
    assert {path.name for path in (ROOT / "bot").glob("*.py")} == ROOT_MODULES


def test_action_modules_share_helpers_through_one_module_only():
    for path in (ROOT / "actions").glob("*.py"):
        imported = {
            node.module
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("actions")
        }
        assert imported <= {"actions.common"}, path.name
