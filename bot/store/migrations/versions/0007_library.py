"""The office's library: imported documents and added regions, the change counter, and
imports awaiting confirmation.

Revision ID: 0007_library
Revises: 0006_text_vectors
Create Date: 2026-12-01

Written by hand against `bot/store/tables/{governance,library}.py`. New columns have server
defaults, so existing rows (all written by seed) read as origin "data".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_library"
down_revision = "0006_text_vectors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("regions") as batch:
        batch.add_column(sa.Column("origin", sa.String(20), server_default="data", nullable=False))
        batch.add_column(sa.Column("aliases", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("origin", sa.String(20), server_default="data", nullable=False))
        batch.add_column(sa.Column("replaces", sa.String(100), server_default="", nullable=False))
        batch.add_column(sa.Column("imported_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("imported_by", sa.String(200), server_default="", nullable=False)
        )
    op.create_table(
        "library_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("what", sa.String(400), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library_changes")),
    )
    op.create_table(
        "pending_imports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_imports")),
    )
    op.create_index(
        op.f("ix_pending_imports_created_at"), "pending_imports", ["created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_pending_imports_created_at"), table_name="pending_imports")
    op.drop_table("pending_imports")
    op.drop_table("library_changes")
    with op.batch_alter_table("documents") as batch:
        for column in ("imported_by", "imported_at", "replaces", "origin"):
            batch.drop_column(column)
    with op.batch_alter_table("regions") as batch:
        batch.drop_column("aliases")
        batch.drop_column("origin")
