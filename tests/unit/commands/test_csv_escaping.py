"""Finding 3 of issue 13: no cell of the CSV export can run as a spreadsheet formula."""

from __future__ import annotations

import csv

import pytest

from bot.cli import main
from bot.commands.callbacks import CSV_COLUMNS
from bot.storage.callbacks import save_callback

FORMULA = '=HYPERLINK("http://example.com","x")'


@pytest.mark.parametrize("column", ["first_name", "phone_e164", "time_slot", "reason", "conversation_id"])
def test_every_column_is_escaped(tmp_path, capsys, column):
    values = {"conversation_id": "c1", "first_name": "Anne", "phone_e164": "+33612345678", "time_slot": "matin",
              "reason": "genou", column: FORMULA}
    save_callback(**values)
    target = tmp_path / "rappels.csv"
    assert main(["callbacks", "export", "--csv", str(target)]) == 0
    with target.open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.reader(handle, delimiter=";"))[1:]
    assert len(row) == len(CSV_COLUMNS)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)
    assert "'" + FORMULA in row
