"""Activities count as handled only once answered; survey answers private by construction;
all-day events.

- processed_activities: who claimed an activity, and when it was handled.
- survey answers: the per-person rows (`survey_responses`, keyed by an HMAC token whose
  secret sat in `survey_rounds`) become counts per question, choice and group
  (`survey_tallies`) and loose comments (`survey_comments`); the secret is emptied.
- meetings.all_day: a day in the calendar (VALUE=DATE), not a meeting at a time.
- job_runs: when each job last finished a round (the planner's catch-up after downtime).

Revision ID: 0008_robustness
Revises: 0007_library
Create Date: 2026-12-01

Written by hand against `bot/store/tables/office.py`. Rows from before were all answered
(the old log recorded an activity as it began), so they read as handled when first seen.
"""

from __future__ import annotations

import json
import secrets
from collections import Counter

import sqlalchemy as sa
from alembic import op

KEY = 64

revision = "0008_robustness"
down_revision = "0007_library"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("processed_activities") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(200), server_default="", nullable=False))
        batch.add_column(sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE processed_activities SET handled_at = seen_at")
    op.create_table(
        "job_runs",
        sa.Column("name", sa.String(KEY), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_job_runs"),
    )
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(
            sa.Column("all_day", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    tallies = op.create_table(
        "survey_tallies",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("group_key", sa.String(KEY), nullable=False),
        sa.Column("question_key", sa.String(KEY), nullable=False),
        sa.Column("choice", sa.String(20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["survey_rounds.id"],
            name="fk_survey_tallies_round_id_survey_rounds",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "round_id", "group_key", "question_key", "choice", name="pk_survey_tallies"
        ),
    )
    comments = op.create_table(
        "survey_comments",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(KEY), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["survey_rounds.id"],
            name="fk_survey_comments_round_id_survey_rounds",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_survey_comments"),
    )
    op.create_index("ix_survey_comments_round_id", "survey_comments", ["round_id"])
    _move_answers(tallies, comments)
    op.drop_table("survey_responses")
    # The secret column stays, emptied and unused: dropping it would make SQLite rebuild
    # survey_rounds, and dropping the old table cascades into every table that points to it.
    op.execute("UPDATE survey_rounds SET secret = ''")


def _move_answers(tallies: sa.Table, comments: sa.Table) -> None:
    """Old answer rows become counts (each group on its own) and loose comments."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT round_id, question_key, choice, comment, groups FROM survey_responses")
    ).fetchall()
    counts: Counter[tuple[int, str, str, str]] = Counter()
    loose = []
    for round_id, question, choice, comment, groups in rows:
        listed = json.loads(groups) if isinstance(groups, str) else list(groups or [])
        for group in ["", *dict.fromkeys(g for g in listed if g)]:
            counts[(round_id, group, question, choice)] += 1
        if comment:
            loose.append(
                {
                    "id": secrets.token_hex(16),
                    "round_id": round_id,
                    "question_key": question,
                    "comment": comment,
                }
            )
    if counts:
        op.bulk_insert(
            tallies,
            [
                {"round_id": r, "group_key": g, "question_key": q, "choice": c, "count": n}
                for (r, g, q, c), n in counts.items()
            ],
        )
    if loose:
        op.bulk_insert(comments, loose)


def downgrade() -> None:
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("all_day")
    op.drop_table("job_runs")
    # The old per-person rows cannot be rebuilt from counts: the answers are dropped.
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
    op.drop_index("ix_survey_comments_round_id", table_name="survey_comments")
    op.drop_table("survey_comments")
    op.drop_table("survey_tallies")
    with op.batch_alter_table("processed_activities") as batch:
        batch.drop_column("handled_at")
        batch.drop_column("claimed_by")
