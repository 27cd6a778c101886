"""Survey rounds, invitations and responses (surveys in chat).

Revision ID: 0005_surveys
Revises: 0004_announcements
Create Date: 2026-11-30

Written by hand against `SurveyRoundRow`, `SurveyInvitationRow` and `SurveyResponseRow` in
`bot/store/tables.py`; new tables only, so the same operations run on SQLite and PostgreSQL
without batch mode.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_surveys"
down_revision = "0004_announcements"
branch_labels = None
depends_on = None

KEY = 64
NAME = 200
CONVERSATION_ID = 512


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "survey_rounds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region", sa.String(KEY), nullable=False),
        sa.Column("title", sa.String(NAME), nullable=False),
        sa.Column("period", sa.String(40), nullable=False),
        sa.Column("opens_at", _utc(), nullable=False),
        sa.Column("closes_at", _utc(), nullable=False),
        sa.Column("question_keys", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("secret", sa.String(128), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_survey_rounds"),
    )
    op.create_index("ix_survey_rounds_region", "survey_rounds", ["region", "opens_at"])
    op.create_table(
        "survey_invitations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("conversation_id", sa.String(CONVERSATION_ID), nullable=False),
        sa.Column("question_keys", sa.JSON(), nullable=False),
        sa.Column("groups", sa.JSON(), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("reminders", sa.JSON(), nullable=False),
        sa.Column("reminded_at", _utc(), nullable=True),
        sa.Column("unreachable", sa.String(NAME), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["survey_rounds.id"],
            name="fk_survey_invitations_round_id_survey_rounds",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name="fk_survey_invitations_person_id_people",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_survey_invitations"),
        sa.UniqueConstraint(
            "round_id", "person_id", name="uq_survey_invitations_round_id_person_id"
        ),
    )
    op.create_index("ix_survey_invitations_round_id", "survey_invitations", ["round_id"])
    op.create_table(
        "survey_responses",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("respondent", sa.String(64), nullable=False),
        sa.Column("question_key", sa.String(KEY), nullable=False),
        sa.Column("choice", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("groups", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["survey_rounds.id"],
            name="fk_survey_responses_round_id_survey_rounds",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "round_id", "respondent", "question_key", name="pk_survey_responses"
        ),
    )


def downgrade() -> None:
    op.drop_table("survey_responses")
    op.drop_table("survey_invitations")
    op.drop_table("survey_rounds")
