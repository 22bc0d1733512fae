"""Patients' "useful / not useful" votes on the assistant's answers, kept for staff."""

from __future__ import annotations

from typing import List, Optional

from sqlalchemy import Column, DateTime, Integer, String, Text

from bot.storage.db import Base, session_scope, utc_now

RATINGS = ("useful", "not_useful")


class AnswerRating(Base):
    __tablename__ = "answer_ratings"

    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now, index=True)
    sender_id = Column(String(128), nullable=False, index=True)
    answer_key = Column(String(128), nullable=False, index=True)
    topic = Column(String(64), nullable=False)
    rating = Column(String(16), nullable=False)
    # The patient's question that led to the answer, when the client sent it.
    question = Column(Text, nullable=True)


def save_rating(
    sender_id: str,
    answer_key: str,
    topic: str,
    rating: str,
    question: Optional[str] = None,
    url: Optional[str] = None,
) -> AnswerRating:
    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
    record = AnswerRating(
        sender_id=sender_id, answer_key=answer_key, topic=topic, rating=rating, question=question
    )
    with session_scope(url) as session:
        session.add(record)
    return record


def list_ratings(limit: int = 500, url: Optional[str] = None) -> List[AnswerRating]:
    """The most recent ratings first."""
    with session_scope(url) as session:
        return (
            session.query(AnswerRating)
            .order_by(AnswerRating.created_at.desc(), AnswerRating.id.desc())
            .limit(limit)
            .all()
        )
