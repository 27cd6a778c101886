"""Office announcements and paused groups.

Revision ID: 0004_announcements
Revises: 0003_outbox
Create Date: 2026-11-29

Written by hand against `AnnouncementRow` and `GroupPauseRow` in `bot/store/tables.py`; new
tables only, so the same operations run on SQLite and PostgreSQL without batch mode.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_announcements"
down_revision = "0003_outbox"
branch_labels = None
depends_on = None

KEY = 64
NAME = 200
URL = 2000


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "announcements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("draft", sa.String(64), nullable=False),
        sa.Column("region", sa.String(KEY), nullable=False),
        sa.Column("author", sa.String(NAME), nullable=False),
        sa.Column("title", sa.String(NAME), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("link", sa.String(URL), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("send_at", _utc(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("deleted_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_announcements"),
        sa.UniqueConstraint("draft", name="uq_announcements_draft"),
    )
    op.create_table(
        "group_pauses",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region", sa.String(KEY), nullable=False),
        sa.Column("group_key", sa.String(KEY), nullable=False),
        sa.Column("paused_by", sa.String(NAME), nullable=False),
        sa.Column("paused_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_group_pauses"),
        sa.UniqueConstraint("region", "group_key", name="uq_group_pauses_region_group_key"),
    )


def downgrade() -> None:
    op.drop_table("group_pauses")
    op.drop_table("announcements")
