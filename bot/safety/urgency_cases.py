"""Messages labelled urgent or calm (`text,urgent[,category,kind]` CSV files).

The same files train the learned alarm reader (data/safety/) and measure the whole assistant
(tests/data/): one reader for both.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import List

URGENT_VALUES = frozenset({"1", "true", "oui", "yes"})


@dataclass(frozen=True)
class UrgencyCase:
    text: str
    urgent: bool
    category: str = ""  # a clinical category of red_flag_terms.yml ("psychiatric"...), for urgent rows
    kind: str = ""  # how it is told: "question_form", "past", "denied"...


def has_urgent_column(path: Path) -> bool:
    with path.open(encoding="utf-8-sig", newline="") as file:
        header = next(csv.reader(file), [])
    return "urgent" in [name.strip().lower() for name in header]


def read_urgency_cases(path: Path) -> List[UrgencyCase]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return [
            UrgencyCase(
                text=row["text"].strip(),
                urgent=(row.get("urgent") or "").strip().lower() in URGENT_VALUES,
                category=(row.get("category") or "").strip(),
                kind=(row.get("kind") or "").strip(),
            )
            for row in csv.DictReader(file)
            if (row.get("text") or "").strip()
        ]
