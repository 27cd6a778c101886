"""Activities answered behind the HTTP answer: stored at the door, so none is lost.

Revision ID: 0009_queued_activities
Revises: 0008_robustness
Create Date: 2026-12-01

Written by hand against `bot/store/tables/office.py` (QueuedActivityRow).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_queued_activities"
down_revision = "0008_robustness"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "queued_activities",
        sa.Column("key", sa.String(512), nullable=False),
        sa.Column("activity", sa.JSON(), nullable=False),
        sa.Column("queued_by", sa.String(200), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_queued_activities"),
    )
    op.create_index("ix_queued_activities_queued_at", "queued_activities", ["queued_at"])


def downgrade() -> None:
    op.drop_index("ix_queued_activities_queued_at", table_name="queued_activities")
    op.drop_table("queued_activities")
