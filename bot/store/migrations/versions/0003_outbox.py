"""The outbox: posts to deliver (meeting notices, reminders, office alerts, …).

Revision ID: 0003_outbox
Revises: 0002_office_questions
Create Date: 2026-11-22

Written by hand against `OutboxRow` in `bot/store/tables.py`; a new table only, so the same
operations run on SQLite and PostgreSQL without batch mode.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_outbox"
down_revision = "0002_office_questions"
branch_labels = None
depends_on = None

KEY = 64
NAME = 200
CONVERSATION_ID = 512
OUTBOX_KEY = 1000


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(OUTBOX_KEY), nullable=False),
        sa.Column("region", sa.String(KEY), nullable=False),
        sa.Column("group_key", sa.String(KEY), nullable=False),
        sa.Column("conversation_id", sa.String(CONVERSATION_ID), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("activity", sa.JSON(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("due_at", _utc(), nullable=False),
        sa.Column("expires_at", _utc(), nullable=True),
        sa.Column("state", sa.String(24), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", _utc(), nullable=False),
        sa.Column("claimed_by", sa.String(NAME), nullable=False),
        sa.Column("lease_until", _utc(), nullable=True),
        sa.Column("activity_id", sa.String(CONVERSATION_ID), nullable=False),
        sa.Column("sent_at", _utc(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("key", name="uq_outbox_key"),
    )
    op.create_index("ix_outbox_state_next", "outbox", ["state", "next_attempt_at"])
    op.create_index("ix_outbox_conversation", "outbox", ["conversation_id", "state", "due_at"])
    op.create_index("ix_outbox_meeting", "outbox", ["meeting_id", "kind"])


def downgrade() -> None:
    op.drop_table("outbox")
