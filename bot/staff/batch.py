"""Batch checks from the console: the same scoring and plots as `python -m bot evaluate`."""

from __future__ import annotations

import asyncio
import base64
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Optional, Sequence

from bot.engine.replies import Reply
from bot.evaluation.plots import confidence_histogram_png, confusion_matrix_png
from bot.evaluation.questions import Question, QuestionFileError, parse_questions
from bot.evaluation.scoring import Evaluation, Outcome, score, summary
from bot.knowledge.topics import topic_name

# About a minute of work for the server: larger sets belong to `python -m bot evaluate`.
MAX_BATCH_QUESTIONS = 500
MAX_BATCH_CHARACTERS = MAX_BATCH_QUESTIONS * 2_000
# matplotlib's pyplot is not thread-safe: one plot at a time, off the server's event loop.
PLOTTING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="staff-plots")


def parse_batch(content: Any, filename: Optional[str] = None) -> List[Question]:
    """The questions pasted or uploaded; QuestionFileError says in French what is wrong."""
    if not isinstance(content, str) or not content.strip():
        raise QuestionFileError("Aucune question trouvée : collez des questions ou choisissez un fichier.")
    if len(content) > MAX_BATCH_CHARACTERS:
        raise QuestionFileError(f"Le texte est trop long : {MAX_BATCH_QUESTIONS} questions au plus par lot.")
    is_csv = True if (filename or "").lower().endswith(".csv") else None
    questions = parse_questions(content, is_csv=is_csv)
    if len(questions) > MAX_BATCH_QUESTIONS:
        raise QuestionFileError(
            f"Trop de questions ({len(questions)}) : {MAX_BATCH_QUESTIONS} au plus par lot. "
            "Découpez la liste en plusieurs lots."
        )
    return questions


def png_data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def outcome_view(outcome: Outcome) -> Dict[str, Any]:
    reply = outcome.reply
    return {
        "text": outcome.question.text,
        "expected": outcome.question.topic,
        "expected_name": topic_name(outcome.question.topic) if outcome.question.topic else None,
        "topic": reply.topic,
        "topic_name": topic_name(reply.topic),
        "intent": reply.intent,
        "confidence": reply.confidence,
        "correct": outcome.correct if outcome.labelled else None,
        "answer": reply.text,
    }


def evaluation_view(evaluation: Evaluation) -> Dict[str, Any]:
    """Figures, rows and plots (as data: URLs, allowed by the page's policy)."""
    return {
        **summary(evaluation),
        "rows": [outcome_view(o) for o in evaluation.outcomes],
        "confusion_matrix": png_data_url(confusion_matrix_png(evaluation)) if evaluation.labelled else None,
        "confidence_histogram": png_data_url(confidence_histogram_png(evaluation)),
    }


async def batch_view(questions: Sequence[Question], replies: Sequence[Reply]) -> Dict[str, Any]:
    outcomes = [Outcome(q, r) for q, r in zip(questions, replies, strict=True)]
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(PLOTTING, lambda: evaluation_view(score(outcomes)))
