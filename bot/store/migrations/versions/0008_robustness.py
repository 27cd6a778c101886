"""Activities count as handled only once answered: who claimed one, and when it was handled.

Revision ID: 0008_robustness
Revises: 0007_library
Create Date: 2026-12-01

Written by hand against `bot/store/tables/office.py`. Rows from before were all answered
(the old log recorded an activity as it began), so they read as handled when first seen.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_robustness"
down_revision = "0007_library"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("processed_activities") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(200), server_default="", nullable=False))
        batch.add_column(sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE processed_activities SET handled_at = seen_at")


def downgrade() -> None:
    with op.batch_alter_table("processed_activities") as batch:
        batch.drop_column("handled_at")
        batch.drop_column("claimed_by")
