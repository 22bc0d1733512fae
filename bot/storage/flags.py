"""Answers staff flagged as wrong in the console, kept until they are turned into training data."""

from __future__ import annotations

from datetime import datetime
from typing import List, Optional

from sqlalchemy import Column, DateTime, Integer, String, Text, select

from bot.storage.db import Base, as_utc, session_scope, utc_now


class AnswerFlag(Base):
    __tablename__ = "answer_flags"

    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now, index=True)
    question = Column(Text, nullable=False)
    answer_text = Column(Text, nullable=False)
    answer_topic = Column(String(64), nullable=False)
    answer_intent = Column(String(128), nullable=False)
    expected_topic = Column(String(64), nullable=False)
    # The exact answer (e.g. faq/cost_total) when staff knew it; else only the topic.
    expected_answer_key = Column(String(128), nullable=True)
    comment = Column(Text, nullable=False, default="")
    # Which trained model gave the wrong answer: a later model may already answer well.
    model_version = Column(String(255), nullable=False)

    @property
    def created_at_utc(self) -> datetime:
        return as_utc(self.created_at)


def save_flag(
    question: str,
    answer_text: str,
    answer_topic: str,
    answer_intent: str,
    expected_topic: str,
    model_version: str,
    comment: str = "",
    expected_answer_key: Optional[str] = None,
    url: Optional[str] = None,
) -> AnswerFlag:
    flag = AnswerFlag(
        created_at=utc_now(),
        question=question,
        answer_text=answer_text,
        answer_topic=answer_topic,
        answer_intent=answer_intent,
        expected_topic=expected_topic,
        expected_answer_key=expected_answer_key,
        comment=comment,
        model_version=model_version,
    )
    with session_scope(url) as session:
        session.add(flag)
    return flag


def list_flags(url: Optional[str] = None) -> List[AnswerFlag]:
    """Newest first."""
    query = select(AnswerFlag).order_by(AnswerFlag.created_at.desc(), AnswerFlag.id.desc())
    with session_scope(url) as session:
        return list(session.scalars(query))


def delete_flag(flag_id: int, url: Optional[str] = None) -> bool:
    """Removes a flag once handled; False when there was none with this id."""
    with session_scope(url) as session:
        flag = session.get(AnswerFlag, flag_id)
        if flag is None:
            return False
        session.delete(flag)
    return True
