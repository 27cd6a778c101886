"""Survey rounds, invitations (who was asked) and responses (anonymous)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.tables.base import (
    CONVERSATION_ID,
    KEY,
    NAME,
    Base,
    UTCDateTime,
)


class SurveyRoundRow(Base):
    """A round of the office's survey (see `bot.domain.survey_rounds`).

    `secret` keys the respondent tokens of this round's responses; it is wiped when the
    round closes, after which no token can be tied to a person again.
    """

    __tablename__ = "survey_rounds"
    __table_args__ = (Index("ix_survey_rounds_region", "region", "opens_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region: Mapped[str] = mapped_column(String(KEY))
    title: Mapped[str] = mapped_column(String(NAME))
    period: Mapped[str] = mapped_column(String(40))
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    question_keys: Mapped[list[str]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20))
    secret: Mapped[str] = mapped_column(String(128), default="")
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
    conversation_id: Mapped[str] = mapped_column(String(CONVERSATION_ID), default="")
    question_keys: Mapped[list[str]] = mapped_column(JSON)
    groups: Mapped[list[str]] = mapped_column(JSON)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    reminders: Mapped[list[str]] = mapped_column(JSON)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    unreachable: Mapped[str] = mapped_column(String(NAME), default="")


class SurveyResponseRow(Base):
    """One answer, keyed by a respondent token (HMAC of the person id), never the person.

    No surrogate id and no timestamp, so neither insertion order nor time ties a row to an
    invitation; a changed answer replaces the row with the same token and question.
    """

    __tablename__ = "survey_responses"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_rounds.id", ondelete="CASCADE"), primary_key=True
    )
    respondent: Mapped[str] = mapped_column(String(64), primary_key=True)
    question_key: Mapped[str] = mapped_column(String(KEY), primary_key=True)
    choice: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    groups: Mapped[list[str]] = mapped_column(JSON)
