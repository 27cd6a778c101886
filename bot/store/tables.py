"""SQLAlchemy 2 typed declarative models.

The same schema runs on SQLite and PostgreSQL, so only portable types are used. The
hand-written migration in `migrations/versions/0001_initial.py` must match these models;
`tests/store/test_migrations.py` compares them on both databases.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints make later ALTERs (and SQLite batch migrations) possible.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

KEY = 64  # region, group, seat, section keys
NAME = 200
URL = 2000
CONVERSATION_ID = 512  # Teams channel thread ids with ;messageid= are long
OUTBOX_KEY = 1000  # bot.domain.outbox.KEY_MAX


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware in Python, UTC in the database.

    SQLite has no timezone type and hands back naive values; storing UTC everywhere and
    re-attaching it on the way out keeps comparisons and ordering correct on both.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store timezone-aware datetimes only")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # defensive: rows written by hand in sqlite3
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class RegionRow(Base):
    __tablename__ = "regions"

    key: Mapped[str] = mapped_column(String(KEY), primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME))
    collaboration: Mapped[str] = mapped_column(String(NAME), default="")


class GroupRow(Base):
    __tablename__ = "groups"
    __table_args__ = (UniqueConstraint("region", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region: Mapped[str] = mapped_column(ForeignKey("regions.key"), index=True)
    key: Mapped[str] = mapped_column(String(KEY))
    kind: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(NAME))
    short_name: Mapped[str] = mapped_column(String(40), default="")


def _group_fk(ondelete: str | None = None) -> ForeignKeyConstraint:
    # Rows name their group the way the domain does (region + key) so reads need no join.
    return ForeignKeyConstraint(
        ["region", "group_key"], ["groups.region", "groups.key"], ondelete=ondelete
    )


class SeatRow(Base):
    __tablename__ = "seats"
    __table_args__ = (_group_fk("CASCADE"), UniqueConstraint("region", "group_key", "key"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region: Mapped[str] = mapped_column(String(KEY))
    group_key: Mapped[str] = mapped_column(String(KEY))
    key: Mapped[str] = mapped_column(String(KEY))
    organisation: Mapped[str] = mapped_column(String(NAME))
    count: Mapped[int] = mapped_column(Integer, default=1)
    voting: Mapped[bool] = mapped_column(Boolean, default=True)
    adjunct: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    per: Mapped[str] = mapped_column(String(40), default="")  # "kommun": count per municipality
    count_stated: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class PersonRow(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(NAME))
    # Always stored lower-case, which makes the unique constraint case-insensitive.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    organisation: Mapped[str] = mapped_column(String(NAME), default="")
    aad_object_id: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)


class MembershipRow(Base):
    __tablename__ = "memberships"
    __table_args__ = (
        _group_fk(),  # no cascade: seed must not silently drop memberships
        Index("ix_memberships_group", "region", "group_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    region: Mapped[str] = mapped_column(String(KEY))
    group_key: Mapped[str] = mapped_column(String(KEY))
    role: Mapped[str] = mapped_column(String(40))
    seat: Mapped[str] = mapped_column(String(NAME), default="")
    valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)


class MeetingRow(Base):
    __tablename__ = "meetings"
    __table_args__ = (
        _group_fk(),
        UniqueConstraint("region", "group_key", "uid"),
        Index("ix_meetings_group_start", "region", "group_key", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region: Mapped[str] = mapped_column(String(KEY))
    group_key: Mapped[str] = mapped_column(String(KEY))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    location: Mapped[str] = mapped_column(String(NAME * 2), default="")
    title: Mapped[str] = mapped_column(String(NAME * 2), default="")
    agenda_url: Mapped[str] = mapped_column(String(URL), default="")
    teams_url: Mapped[str] = mapped_column(String(URL), default="")
    minutes_url: Mapped[str] = mapped_column(String(URL), default="")
    uid: Mapped[str] = mapped_column(String(255))


class DocumentRow(Base):
    __tablename__ = "documents"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    region: Mapped[str] = mapped_column(ForeignKey("regions.key"), index=True)
    title: Mapped[str] = mapped_column(String(NAME * 2))
    period: Mapped[str] = mapped_column(String(40), default="")
    dated: Mapped[str] = mapped_column(String(20), default="")
    source_file: Mapped[str] = mapped_column(String(NAME), default="")


class SectionRow(Base):
    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("document_key", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_key: Mapped[str] = mapped_column(
        ForeignKey("documents.key", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(100))
    number: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(NAME * 2), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class ConversationRow(Base):
    __tablename__ = "conversations"

    conversation_id: Mapped[str] = mapped_column(String(CONVERSATION_ID), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    service_url: Mapped[str] = mapped_column(String(500))
    tenant_id: Mapped[str] = mapped_column(String(64), default="")
    team_id: Mapped[str] = mapped_column(String(CONVERSATION_ID), default="")
    channel_name: Mapped[str] = mapped_column(String(NAME), default="")
    user_aad_object_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    reference: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ChannelBindingRow(Base):
    """A Teams channel bound to a group.

    No foreign key to groups or conversations: a binding is Teams state that must survive
    a re-seed that renames a group; seed reports bindings whose group is gone.
    """

    __tablename__ = "channel_bindings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(String(CONVERSATION_ID), unique=True)
    region: Mapped[str] = mapped_column(String(KEY))
    group_key: Mapped[str] = mapped_column(String(KEY))
    bound_by: Mapped[str] = mapped_column(String(NAME))
    channel_name: Mapped[str] = mapped_column(String(NAME), default="")
    bound_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProcessedActivityRow(Base):
    __tablename__ = "processed_activities"

    key: Mapped[str] = mapped_column(String(CONVERSATION_ID), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class OfficeQuestionRow(Base):
    """A question passed on to an office, and later its answer.

    Region has no foreign key, like channel bindings: a question is a conversation with a
    member and must outlive a re-seed. The asker's person row may go when the roster is
    re-imported; the name and UPN kept here still say who asked.
    """

    __tablename__ = "office_questions"
    __table_args__ = (
        # The double-click check looks up recent questions from one conversation.
        Index("ix_office_questions_asker", "asker_conversation_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region: Mapped[str] = mapped_column(String(KEY), index=True)
    question: Mapped[str] = mapped_column(Text)
    asker_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True
    )
    asker_name: Mapped[str] = mapped_column(String(NAME), default="")
    asker_upn: Mapped[str] = mapped_column(String(320), default="")
    asker_conversation_id: Mapped[str] = mapped_column(String(CONVERSATION_ID))
    office_conversation_id: Mapped[str] = mapped_column(String(CONVERSATION_ID), default="")
    office_activity_id: Mapped[str] = mapped_column(String(CONVERSATION_ID), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str] = mapped_column(String(NAME), default="")


class OutboxRow(Base):
    """A post waiting to be delivered, or the record that it was (see `bot.domain.outbox`).

    No foreign keys: a post must survive a re-seed of groups or meetings (it was promised),
    and a binding may be removed and made again while its posts wait.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        # The claim query: due posts in order, and earlier open posts of one conversation.
        Index("ix_outbox_state_next", "state", "next_attempt_at"),
        Index("ix_outbox_conversation", "conversation_id", "state", "due_at"),
        Index("ix_outbox_meeting", "meeting_id", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(OUTBOX_KEY), unique=True)  # idempotency
    region: Mapped[str] = mapped_column(String(KEY))
    group_key: Mapped[str] = mapped_column(String(KEY))
    conversation_id: Mapped[str] = mapped_column(String(CONVERSATION_ID))
    kind: Mapped[str] = mapped_column(String(40))
    activity: Mapped[dict[str, Any]] = mapped_column(JSON)
    meeting_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    state: Mapped[str] = mapped_column(String(24))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str] = mapped_column(String(NAME), default="")
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    activity_id: Mapped[str] = mapped_column(String(CONVERSATION_ID), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AnnouncementRow(Base):
    """An office announcement; its posts live in the outbox under "announcement:<id>:".

    `draft` is the form's own id: a second press on "Skicka" finds the first announcement
    instead of making a new one. Deleted announcements are kept (deleted_at) for the record.
    """

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    draft: Mapped[str] = mapped_column(String(64), unique=True)
    region: Mapped[str] = mapped_column(String(KEY))
    author: Mapped[str] = mapped_column(String(NAME))
    title: Mapped[str] = mapped_column(String(NAME))
    text: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(URL), default="")
    targets: Mapped[list[str]] = mapped_column(JSON)  # group keys; ["*"] for all groups
    send_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class GroupPauseRow(Base):
    """A group the planner leaves alone (no notices, reminders, …) until resumed."""

    __tablename__ = "group_pauses"
    __table_args__ = (UniqueConstraint("region", "group_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region: Mapped[str] = mapped_column(String(KEY))
    group_key: Mapped[str] = mapped_column(String(KEY))
    paused_by: Mapped[str] = mapped_column(String(NAME))
    paused_at: Mapped[datetime] = mapped_column(UTCDateTime())


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
