"""Text embeddings for the retrieval index, kept by content hash.

Revision ID: 0006_text_vectors
Revises: 0005_surveys
Create Date: 2026-12-01

Written by hand against `TextVectorRow` in `bot/store/tables/vectors.py`; a new table only.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_text_vectors"
down_revision = "0005_surveys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "text_vectors",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("model", sa.String(64), nullable=False),
        sa.Column("dimensions", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_text_vectors")),
    )


def downgrade() -> None:
    op.drop_table("text_vectors")
