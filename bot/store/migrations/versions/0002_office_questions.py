"""Questions passed on to the office, and their answers.

Revision ID: 0002_office_questions
Revises: 0001_initial
Create Date: 2026-11-22

Written by hand against `OfficeQuestionRow` in `bot/store/tables.py`; a new table only, so
the same operations run on SQLite and PostgreSQL without batch mode.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_office_questions"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

KEY = 64
NAME = 200
CONVERSATION_ID = 512


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "office_questions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region", sa.String(KEY), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("asker_person_id", sa.Integer(), nullable=True),
        sa.Column("asker_name", sa.String(NAME), nullable=False),
        sa.Column("asker_upn", sa.String(320), nullable=False),
        sa.Column("asker_conversation_id", sa.String(CONVERSATION_ID), nullable=False),
        sa.Column("office_conversation_id", sa.String(CONVERSATION_ID), nullable=False),
        sa.Column("office_activity_id", sa.String(CONVERSATION_ID), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("answered_at", _utc(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered_by", sa.String(NAME), nullable=False),
        sa.ForeignKeyConstraint(
            ["asker_person_id"],
            ["people.id"],
            name="fk_office_questions_asker_person_id_people",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_office_questions"),
    )
    op.create_index("ix_office_questions_region", "office_questions", ["region"])
    op.create_index(
        "ix_office_questions_asker",
        "office_questions",
        ["asker_conversation_id", "created_at"],
    )


def downgrade() -> None:
    op.drop_table("office_questions")
