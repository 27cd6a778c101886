"""The declarative base, the UTC datetime type and the column sizes every table shares."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    Dialect,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase

# Named constraints make later ALTERs (and SQLite batch migrations) possible.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

KEY = 64  # region, group, seat, section keys
DATA = "data"  # rows seed writes from data/ (others come from the office's library)
NAME = 200
URL = 2000
CONVERSATION_ID = 512  # Teams channel thread ids with ;messageid= are long
INSTANCE_NAME = 200  # an instance's name: host:port, or BOT_INSTANCE
OUTBOX_KEY = 1000  # bot.domain.outbox.KEY_MAX


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware in Python, UTC in the database.

    SQLite has no timezone type and hands back naive values; storing UTC everywhere and
    re-attaching it on the way out keeps comparisons and ordering correct on both.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store timezone-aware datetimes only")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # defensive: rows written by hand in sqlite3
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class BoundedString(TypeDecorator[str]):
    """VARCHAR(n) that cuts a longer value and drops NUL bytes, the same on both databases.

    PostgreSQL refuses both (a turn in a team with a 256-character name would fail there and
    work on SQLite, which ignores lengths). Values in WHERE clauses are cut alike, so a
    lookup by an over-long value finds what was stored for it.
    """

    impl = String
    cache_ok = True

    def __init__(self, length: int) -> None:
        super().__init__(length)
        self.length = length

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return value.replace("\x00", "")[: self.length]


class CleanText(TypeDecorator[str]):
    """TEXT without NUL bytes, which PostgreSQL cannot store."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else value.replace("\x00", "")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
