"""Initial schema: governance, roster, meetings, documents, Teams state.

Revision ID: 0001_initial
Revises:
Create Date: 2025-01-01

Written by hand against `bot/store/tables.py`; constraint names follow its naming
convention so later migrations can refer to them on both databases.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

KEY = 64
NAME = 200
URL = 2000
CONVERSATION_ID = 512


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _group_fk(table: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["region", "group_key"],
        ["groups.region", "groups.key"],
        name=f"fk_{table}_region_group_key_groups",
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "regions",
        sa.Column("key", sa.String(KEY), nullable=False),
        sa.Column("name", sa.String(NAME), nullable=False),
        sa.Column("collaboration", sa.String(NAME), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_regions"),
    )
    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region", sa.String(KEY), nullable=False),
        sa.Column("key", sa.String(KEY), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("name", sa.String(NAME), nullable=False),
        sa.Column("short_name", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(["region"], ["regions.key"], name="fk_groups_region_regions"),
        sa.PrimaryKeyConstraint("id", name="pk_groups"),
        sa.UniqueConstraint("region", "key", name="uq_groups_region_key"),
    )
    op.create_index("ix_groups_region", "groups", ["region"])
    op.create_table(
        "seats",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region", sa.String(KEY), nullable=False),
        sa.Column("group_key", sa.String(KEY), nullable=False),
        sa.Column("key", sa.String(KEY), nullable=False),
        sa.Column("organisation", sa.String(NAME), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("voting", sa.Boolean(), nullable=False),
        sa.Column("adjunct", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("per", sa.String(40), nullable=False),
        sa.Column("count_stated", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _group_fk("seats", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_seats"),
        sa.UniqueConstraint("region", "group_key", "key", name="uq_seats_region_group_key_key"),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(NAME), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("organisation", sa.String(NAME), nullable=False),
        sa.Column("aad_object_id", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
        sa.UniqueConstraint("email", name="uq_people_email"),
        sa.UniqueConstraint("aad_object_id", name="uq_people_aad_object_id"),
    )
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(KEY), nullable=False),
        sa.Column("group_key", sa.String(KEY), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("seat", sa.String(NAME), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        _group_fk("memberships"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_memberships_person_id_people", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_memberships"),
    )
    op.create_index("ix_memberships_group", "memberships", ["region", "group_key"])
    op.create_index("ix_memberships_person_id", "memberships", ["person_id"])
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region", sa.String(KEY), nullable=False),
        sa.Column("group_key", sa.String(KEY), nullable=False),
        sa.Column("starts_at", _utc(), nullable=False),
        sa.Column("ends_at", _utc(), nullable=True),
        sa.Column("location", sa.String(NAME * 2), nullable=False),
        sa.Column("title", sa.String(NAME * 2), nullable=False),
        sa.Column("agenda_url", sa.String(URL), nullable=False),
        sa.Column("teams_url", sa.String(URL), nullable=False),
        sa.Column("minutes_url", sa.String(URL), nullable=False),
        sa.Column("uid", sa.String(255), nullable=False),
        _group_fk("meetings"),
        sa.PrimaryKeyConstraint("id", name="pk_meetings"),
        sa.UniqueConstraint("region", "group_key", "uid", name="uq_meetings_region_group_key_uid"),
    )
    op.create_index("ix_meetings_group_start", "meetings", ["region", "group_key", "starts_at"])
    op.create_table(
        "documents",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("region", sa.String(KEY), nullable=False),
        sa.Column("title", sa.String(NAME * 2), nullable=False),
        sa.Column("period", sa.String(40), nullable=False),
        sa.Column("dated", sa.String(20), nullable=False),
        sa.Column("source_file", sa.String(NAME), nullable=False),
        sa.ForeignKeyConstraint(["region"], ["regions.key"], name="fk_documents_region_regions"),
        sa.PrimaryKeyConstraint("key", name="pk_documents"),
    )
    op.create_index("ix_documents_region", "documents", ["region"])
    op.create_table(
        "sections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_key", sa.String(100), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("title", sa.String(NAME * 2), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_key"],
            ["documents.key"],
            name="fk_sections_document_key_documents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_sections"),
        sa.UniqueConstraint("document_key", "key", name="uq_sections_document_key_key"),
    )
    op.create_index("ix_sections_document_key", "sections", ["document_key"])
    op.create_table(
        "conversations",
        sa.Column("conversation_id", sa.String(CONVERSATION_ID), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("service_url", sa.String(500), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("team_id", sa.String(CONVERSATION_ID), nullable=False),
        sa.Column("channel_name", sa.String(NAME), nullable=False),
        sa.Column("user_aad_object_id", sa.String(64), nullable=False),
        sa.Column("reference", sa.JSON(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("conversation_id", name="pk_conversations"),
    )
    op.create_index("ix_conversations_user_aad_object_id", "conversations", ["user_aad_object_id"])
    op.create_table(
        "channel_bindings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(CONVERSATION_ID), nullable=False),
        sa.Column("region", sa.String(KEY), nullable=False),
        sa.Column("group_key", sa.String(KEY), nullable=False),
        sa.Column("bound_by", sa.String(NAME), nullable=False),
        sa.Column("channel_name", sa.String(NAME), nullable=False),
        sa.Column("bound_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_channel_bindings"),
        sa.UniqueConstraint("conversation_id", name="uq_channel_bindings_conversation_id"),
    )
    op.create_table(
        "processed_activities",
        sa.Column("key", sa.String(CONVERSATION_ID), nullable=False),
        sa.Column("seen_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_processed_activities"),
    )
    op.create_index("ix_processed_activities_seen_at", "processed_activities", ["seen_at"])


def downgrade() -> None:
    for table in (
        "processed_activities",
        "channel_bindings",
        "conversations",
        "sections",
        "documents",
        "meetings",
        "memberships",
        "people",
        "seats",
        "groups",
        "regions",
    ):
        op.drop_table(table)
