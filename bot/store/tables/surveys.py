"""Survey rounds, invitations (who was asked), and the answers: counts and loose comments."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.tables.base import (
    CONVERSATION_ID,
    KEY,
    NAME,
    Base,
    BoundedString,
    CleanText,
    UTCDateTime,
)


class SurveyRoundRow(Base):
    """A round of the office's survey (see `bot.domain.survey_rounds`)."""

    __tablename__ = "survey_rounds"
    __table_args__ = (Index("ix_survey_rounds_region", "region", "opens_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region: Mapped[str] = mapped_column(BoundedString(KEY))
    title: Mapped[str] = mapped_column(BoundedString(NAME))
    period: Mapped[str] = mapped_column(BoundedString(40))
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    question_keys: Mapped[list[str]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(BoundedString(20))
    # Unused since migration 0008 (answers are no longer keyed per person) and always empty;
    # kept because dropping a column makes SQLite rebuild the table, which cascades.
    secret: Mapped[str] = mapped_column(BoundedString(128), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SurveyInvitationRow(Base):
    """Who was asked in a round: the only survey table that names a person.

    No answered-at time: it could be matched against the order responses were written in.
    """

    __tablename__ = "survey_invitations"
    __table_args__ = (UniqueConstraint("round_id", "person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_rounds.id", ondelete="CASCADE"), index=True
    )
    # SET NULL: a person removed from the roster still counts in the round's response rate.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True
    )
    conversation_id: Mapped[str] = mapped_column(BoundedString(CONVERSATION_ID), default="")
    question_keys: Mapped[list[str]] = mapped_column(JSON)
    groups: Mapped[list[str]] = mapped_column(JSON)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    reminders: Mapped[list[str]] = mapped_column(JSON)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    unreachable: Mapped[str] = mapped_column(BoundedString(NAME), default="")


class SurveyTallyRow(Base):
    """How many of a group chose what on a question (`bot.domain.survey_rounds.Tally`).

    Counts only: a person's answers add one to each of their groups' rows separately, so
    nothing here holds one person's answers or the combination of their groups.
    """

    __tablename__ = "survey_tallies"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_rounds.id", ondelete="CASCADE"), primary_key=True
    )
    group_key: Mapped[str] = mapped_column(BoundedString(KEY), primary_key=True)  # "": everyone
    question_key: Mapped[str] = mapped_column(BoundedString(KEY), primary_key=True)
    choice: Mapped[str] = mapped_column(BoundedString(20), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class SurveyCommentRow(Base):
    """A comment, alone: no group, no time, and a random id (not a sequence whose order
    would follow the order people answered in)."""

    __tablename__ = "survey_comments"

    id: Mapped[str] = mapped_column(BoundedString(32), primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_rounds.id", ondelete="CASCADE"), index=True
    )
    question_key: Mapped[str] = mapped_column(BoundedString(KEY))
    comment: Mapped[str] = mapped_column(CleanText())
