"""Reads the questions to check: a CSV `text,topic[,accept]` or plain text, one question a line.

`accept` lists, separated by "|", other topics a careful reader would also call right for a
debatable question (the format of ../shared/eval/patient_questions_dev.csv).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import FrozenSet, List, Optional

from bot.knowledge.topics import EVALUATION_LABELS, FALLBACK, OUT_OF_SCOPE

MAX_QUESTIONS = 5000


class QuestionFileError(ValueError):
    """The questions cannot be read; the message says why, in French, for a person."""


@dataclass(frozen=True)
class Question:
    text: str
    topic: Optional[str] = None  # expected topic, when the file gives one
    accept: FrozenSet[str] = frozenset()  # other topics counted right

    @property
    def right_topics(self) -> FrozenSet[str]:
        """What a reply may be about to count as right: "not understood" is right for a
        question outside mesotherapy."""
        if self.topic is None:
            return frozenset()
        extra = {FALLBACK} if self.topic == OUT_OF_SCOPE else set()
        return frozenset({self.topic, *self.accept, *extra})


def read_question_file(path: Path) -> List[Question]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise QuestionFileError(f"Fichier introuvable : {path}") from error
    except OSError as error:
        raise QuestionFileError(f"Fichier illisible : {path} ({error.strerror})") from error
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise QuestionFileError(f"{path} n'est pas un fichier texte UTF-8 (octet {error.start}).") from error
    return parse_questions(content, is_csv=path.suffix.lower() == ".csv")


def parse_questions(content: str, is_csv: Optional[bool] = None) -> List[Question]:
    """CSV when asked for or when the first line is a `text` header; else one question a line."""
    if "\x00" in content:
        raise QuestionFileError("Le contenu est binaire, pas du texte.")
    first_line = content.lstrip().split("\n", 1)[0].strip().lower()
    looks_like_csv = first_line.replace(";", ",").split(",")[0].strip('"') == "text"
    questions = parse_csv(content) if (is_csv or looks_like_csv) else parse_lines(content)
    if not questions:
        raise QuestionFileError("Aucune question trouvée.")
    if len(questions) > MAX_QUESTIONS:
        raise QuestionFileError(f"Trop de questions ({len(questions)}) : {MAX_QUESTIONS} au plus par lot.")
    return questions


def parse_lines(content: str) -> List[Question]:
    return [Question(line.strip()) for line in content.splitlines() if line.strip()]


def parse_csv(content: str) -> List[Question]:
    # Spreadsheets in French locales save with ";": the header line tells which separator.
    header = content.lstrip().split("\n", 1)[0]
    delimiter = next((d for d in ",;\t" if d in header), ",")
    reader = csv.DictReader(io.StringIO(content.lstrip()), delimiter=delimiter)
    columns = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if "text" not in columns:
        raise QuestionFileError(
            "Colonne « text » manquante : la première ligne doit être l'en-tête text,topic "
            f"(trouvé : {', '.join(columns) or 'rien'})."
        )
    reader.fieldnames = columns
    questions: List[Question] = []
    unknown: List[str] = []
    for line_number, row in enumerate(reader, start=2):
        text = (row.get("text") or "").strip()
        topic = (row.get("topic") or "").strip() or None
        accept = frozenset(a.strip() for a in (row.get("accept") or "").split("|") if a.strip())
        if not text:
            continue
        labels = accept | ({topic} if topic else set())
        unknown.extend(f"ligne {line_number} : « {t} »" for t in sorted(labels - EVALUATION_LABELS))
        questions.append(Question(text, topic, accept))
    if unknown:
        raise QuestionFileError(
            "Sujets inconnus (" + "; ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else "") + "). "
            f"Sujets possibles : {', '.join(sorted(EVALUATION_LABELS))}."
        )
    return questions
