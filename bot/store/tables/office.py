"""Teams conversations, channel bindings, handled activities, questions to the office, the
outbox, announcements and paused groups."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.tables.base import (
    CONVERSATION_ID,
    INSTANCE_NAME,
    KEY,
    NAME,
    OUTBOX_KEY,
    URL,
    Base,
    BoundedString,
    CleanText,
    UTCDateTime,
)


class ConversationRow(Base):
    __tablename__ = "conversations"

    conversation_id: Mapped[str] = mapped_column(BoundedString(CONVERSATION_ID), primary_key=True)
    kind: Mapped[str] = mapped_column(BoundedString(20))
    service_url: Mapped[str] = mapped_column(BoundedString(500))
    tenant_id: Mapped[str] = mapped_column(BoundedString(64), default="")
    team_id: Mapped[str] = mapped_column(BoundedString(CONVERSATION_ID), default="")
    channel_name: Mapped[str] = mapped_column(BoundedString(NAME), default="")
    user_aad_object_id: Mapped[str] = mapped_column(BoundedString(64), default="", index=True)
    reference: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ChannelBindingRow(Base):
    """A Teams channel bound to a group.

    No foreign key to groups or conversations: a binding is Teams state that must survive
    a re-seed that renames a group; seed reports bindings whose group is gone.
    """

    __tablename__ = "channel_bindings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(BoundedString(CONVERSATION_ID), unique=True)
    region: Mapped[str] = mapped_column(BoundedString(KEY))
    group_key: Mapped[str] = mapped_column(BoundedString(KEY))
    bound_by: Mapped[str] = mapped_column(BoundedString(NAME))
    channel_name: Mapped[str] = mapped_column(BoundedString(NAME), default="")
    bound_at: Mapped[datetime] = mapped_column(UTCDateTime())


class JobRunRow(Base):
    """When a job last finished a round: after downtime the planner knows what fell due."""

    __tablename__ = "job_runs"

    name: Mapped[str] = mapped_column(BoundedString(KEY), primary_key=True)
    last_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProcessedActivityRow(Base):
    """An incoming activity: claimed by an instance (`claimed_by`, at `seen_at`), and
    handled once its reply was sent (`handled_at`)."""

    __tablename__ = "processed_activities"

    key: Mapped[str] = mapped_column(BoundedString(CONVERSATION_ID), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    claimed_by: Mapped[str] = mapped_column(
        BoundedString(INSTANCE_NAME), default="", server_default=""
    )
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class QueuedActivityRow(Base):
    """An activity stored at the door and answered behind the HTTP answer (a burst of
    survey answers): Teams gets its 202 only once this row is written, so none is lost."""

    __tablename__ = "queued_activities"

    key: Mapped[str] = mapped_column(BoundedString(CONVERSATION_ID), primary_key=True)
    activity: Mapped[dict[str, Any]] = mapped_column(JSON)
    queued_by: Mapped[str] = mapped_column(BoundedString(INSTANCE_NAME))
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


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
    region: Mapped[str] = mapped_column(BoundedString(KEY), index=True)
    question: Mapped[str] = mapped_column(CleanText())
    asker_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True
    )
    asker_name: Mapped[str] = mapped_column(BoundedString(NAME), default="")
    asker_upn: Mapped[str] = mapped_column(BoundedString(320), default="")
    asker_conversation_id: Mapped[str] = mapped_column(BoundedString(CONVERSATION_ID))
    office_conversation_id: Mapped[str] = mapped_column(BoundedString(CONVERSATION_ID), default="")
    office_activity_id: Mapped[str] = mapped_column(BoundedString(CONVERSATION_ID), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    answer: Mapped[str] = mapped_column(CleanText(), default="")
    answered_by: Mapped[str] = mapped_column(BoundedString(NAME), default="")


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
    key: Mapped[str] = mapped_column(BoundedString(OUTBOX_KEY), unique=True)  # idempotency
    region: Mapped[str] = mapped_column(BoundedString(KEY))
    group_key: Mapped[str] = mapped_column(BoundedString(KEY))
    conversation_id: Mapped[str] = mapped_column(BoundedString(CONVERSATION_ID))
    kind: Mapped[str] = mapped_column(BoundedString(40))
    activity: Mapped[dict[str, Any]] = mapped_column(JSON)
    meeting_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    state: Mapped[str] = mapped_column(BoundedString(24))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str] = mapped_column(BoundedString(NAME), default="")
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    activity_id: Mapped[str] = mapped_column(BoundedString(CONVERSATION_ID), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_error: Mapped[str] = mapped_column(CleanText(), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AnnouncementRow(Base):
    """An office announcement; its posts live in the outbox under "announcement:<id>:".

    `draft` is the form's own id: a second press on "Skicka" finds the first announcement
    instead of making a new one. Deleted announcements are kept (deleted_at) for the record.
    """

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    draft: Mapped[str] = mapped_column(BoundedString(64), unique=True)
    region: Mapped[str] = mapped_column(BoundedString(KEY))
    author: Mapped[str] = mapped_column(BoundedString(NAME))
    title: Mapped[str] = mapped_column(BoundedString(NAME))
    text: Mapped[str] = mapped_column(CleanText())
    link: Mapped[str] = mapped_column(BoundedString(URL), default="")
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
    region: Mapped[str] = mapped_column(BoundedString(KEY))
    group_key: Mapped[str] = mapped_column(BoundedString(KEY))
    paused_by: Mapped[str] = mapped_column(BoundedString(NAME))
    paused_at: Mapped[datetime] = mapped_column(UTCDateTime())
