"""Questions passed on to the office (implements `bot.domain.ports.QuestionStore`)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select, text, update

from bot.domain.ports import OfficeQuestion
from bot.store.engine import Sessions
from bot.store.tables import OfficeQuestionRow


def question_of(row: OfficeQuestionRow) -> OfficeQuestion:
    return OfficeQuestion(
        id=row.id,
        region=row.region,
        text=row.question,
        asker_name=row.asker_name,
        asker_upn=row.asker_upn,
        asker_conversation_id=row.asker_conversation_id,
        asker_person_id=row.asker_person_id,
        office_conversation_id=row.office_conversation_id,
        office_activity_id=row.office_activity_id,
        created_at=row.created_at,
        answered_at=row.answered_at,
        answer=row.answer,
        answered_by=row.answered_by,
    )


def _lock_key(conversation_id: str) -> int:
    """A signed 64-bit key for pg_advisory_xact_lock, the same in every process."""
    digest = hashlib.blake2b(conversation_id.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class SqlQuestionStore:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def add(
        self, question: OfficeQuestion, *, dedupe_within: timedelta | None = None
    ) -> tuple[OfficeQuestion, bool]:
        """Store `question`; (stored, True), or (the earlier one, False) for a repeat.

        A repeat is the same text from the same conversation within `dedupe_within`: a
        double click sends two submits a few milliseconds apart, so check and insert must be
        one step. SQLite write sessions hold the database's write lock (BEGIN IMMEDIATE);
        on PostgreSQL a transaction-scoped advisory lock per conversation does the same.
        """
        created = question.created_at or self._sessions.now()
        async with self._sessions.write() as session:
            if dedupe_within is not None:
                if self._sessions.dialect == "postgresql":
                    await session.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"),
                        {"key": _lock_key(question.asker_conversation_id)},
                    )
                earlier = await session.scalar(
                    select(OfficeQuestionRow)
                    .where(
                        OfficeQuestionRow.asker_conversation_id == question.asker_conversation_id,
                        OfficeQuestionRow.question == question.text,
                        OfficeQuestionRow.created_at >= created - dedupe_within,
                    )
                    .order_by(OfficeQuestionRow.created_at.desc())
                    .limit(1)
                )
                if earlier is not None:
                    return question_of(earlier), False
            row = OfficeQuestionRow(
                region=question.region,
                question=question.text,
                asker_person_id=question.asker_person_id,
                asker_name=question.asker_name,
                asker_upn=question.asker_upn,
                asker_conversation_id=question.asker_conversation_id,
                office_conversation_id=question.office_conversation_id,
                office_activity_id=question.office_activity_id,
                created_at=created,
                answered_at=None,
                answer="",
                answered_by="",
            )
            session.add(row)
            await session.flush()
            return replace(question, id=row.id, created_at=created), True

    async def get(self, question_id: int) -> OfficeQuestion | None:
        async with self._sessions.read() as session:
            row = await session.get(OfficeQuestionRow, question_id)
            return question_of(row) if row else None

    async def mark_posted(self, question_id: int, conversation_id: str, activity_id: str) -> None:
        async with self._sessions.write() as session:
            await session.execute(
                update(OfficeQuestionRow)
                .where(OfficeQuestionRow.id == question_id)
                .values(office_conversation_id=conversation_id, office_activity_id=activity_id)
            )

    async def answer(
        self, question_id: int, answer: str, answered_by: str, at: datetime | None = None
    ) -> tuple[OfficeQuestion, bool] | None:
        """Answer once. Two office users answering at the same moment: the conditional
        UPDATE lets exactly one through, and the other gets the winner's answer back."""
        async with self._sessions.write() as session:
            result = await session.execute(
                update(OfficeQuestionRow)
                .where(
                    OfficeQuestionRow.id == question_id,
                    OfficeQuestionRow.answered_at.is_(None),
                )
                .values(
                    answer=answer,
                    answered_by=answered_by,
                    answered_at=at or self._sessions.now(),
                )
                .execution_options(synchronize_session=False)
            )
            first = bool(getattr(result, "rowcount", 0))
            row = await session.scalar(
                select(OfficeQuestionRow)
                .where(OfficeQuestionRow.id == question_id)
                .execution_options(populate_existing=True)
            )
            return (question_of(row), first) if row is not None else None

    async def unanswered(self, region: str | None = None) -> Sequence[OfficeQuestion]:
        """Oldest first: the office works through them in the order they came."""
        query = select(OfficeQuestionRow).where(OfficeQuestionRow.answered_at.is_(None))
        if region is not None:
            query = query.where(OfficeQuestionRow.region == region)
        async with self._sessions.read() as session:
            rows = await session.scalars(
                query.order_by(OfficeQuestionRow.created_at, OfficeQuestionRow.id)
            )
            return [question_of(row) for row in rows]
