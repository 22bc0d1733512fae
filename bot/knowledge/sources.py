"""The five source texts and how an answer cites them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Iterable, List, Optional

import yaml

from bot.paths import SOURCES_DIR

METADATA_FILE = SOURCES_DIR / "metadata.yml"


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    kind: str  # what sort of text it is (a clinic's page, a company blog...): answers name it so
    title: str
    publisher: str
    label: str
    description: str
    date: Optional[str] = None

    @property
    def text(self) -> str:
        return (SOURCES_DIR / self.file).read_text(encoding="utf-8")


def collapse_whitespace(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def load_sources() -> Dict[str, Source]:
    entries = yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))["sources"]
    return {entry["id"]: Source(**entry) for entry in entries}


def passage_in_source(source: Source, passage: str) -> bool:
    return collapse_whitespace(passage) in collapse_whitespace(source.text)


def source_line(source_ids: Iterable[str]) -> str:
    """The short line a patient sees under an answer."""
    sources = load_sources()
    labels = [sources[source_id].label for source_id in source_ids if source_id in sources]
    if not labels:
        return ""
    prefix = "Source" if len(labels) == 1 else "Sources"
    return f"{prefix} : " + " ; ".join(labels)


def cited_sources(metadata_sources: List[dict]) -> List[dict]:
    """The sources of a response's metadata, with the label a patient can read."""
    sources = load_sources()
    return [
        {
            "id": entry["id"],
            "label": sources[entry["id"]].label,
            "passages": list(entry.get("passages", [])),
        }
        for entry in metadata_sources
        if entry.get("id") in sources
    ]
