"""Regions, groups, seats, documents, people, memberships and meetings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.tables.base import (
    DATA,
    KEY,
    NAME,
    URL,
    Base,
    BoundedString,
    CleanText,
    UTCDateTime,
)


class RegionRow(Base):
    __tablename__ = "regions"

    key: Mapped[str] = mapped_column(BoundedString(KEY), primary_key=True)
    name: Mapped[str] = mapped_column(BoundedString(NAME))
    collaboration: Mapped[str] = mapped_column(BoundedString(NAME), default="")
    # "data": written by seed from data/; "library": added by the office (`region add`).
    origin: Mapped[str] = mapped_column(BoundedString(20), default=DATA, server_default=DATA)
    aliases: Mapped[str] = mapped_column(CleanText(), default="", server_default="")  # one per line


class GroupRow(Base):
    __tablename__ = "groups"
    __table_args__ = (UniqueConstraint("region", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region: Mapped[str] = mapped_column(ForeignKey("regions.key"), index=True)
    key: Mapped[str] = mapped_column(BoundedString(KEY))
    kind: Mapped[str] = mapped_column(BoundedString(40))
    name: Mapped[str] = mapped_column(BoundedString(NAME))
    short_name: Mapped[str] = mapped_column(BoundedString(40), default="")


def _group_fk(ondelete: str | None = None) -> ForeignKeyConstraint:
    # Rows name their group the way the domain does (region + key) so reads need no join.
    return ForeignKeyConstraint(
        ["region", "group_key"], ["groups.region", "groups.key"], ondelete=ondelete
    )


class SeatRow(Base):
    __tablename__ = "seats"
    __table_args__ = (_group_fk("CASCADE"), UniqueConstraint("region", "group_key", "key"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region: Mapped[str] = mapped_column(BoundedString(KEY))
    group_key: Mapped[str] = mapped_column(BoundedString(KEY))
    key: Mapped[str] = mapped_column(BoundedString(KEY))
    organisation: Mapped[str] = mapped_column(BoundedString(NAME))
    count: Mapped[int] = mapped_column(Integer, default=1)
    voting: Mapped[bool] = mapped_column(Boolean, default=True)
    adjunct: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(CleanText(), default="")
    per: Mapped[str] = mapped_column(
        BoundedString(40), default=""
    )  # "kommun": count per municipality
    count_stated: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class PersonRow(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(BoundedString(NAME))
    # Always stored lower-case, which makes the unique constraint case-insensitive.
    email: Mapped[str] = mapped_column(BoundedString(320), unique=True)
    organisation: Mapped[str] = mapped_column(BoundedString(NAME), default="")
    aad_object_id: Mapped[str | None] = mapped_column(BoundedString(64), unique=True, nullable=True)


class MembershipRow(Base):
    __tablename__ = "memberships"
    __table_args__ = (
        _group_fk(),  # no cascade: seed must not silently drop memberships
        Index("ix_memberships_group", "region", "group_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    region: Mapped[str] = mapped_column(BoundedString(KEY))
    group_key: Mapped[str] = mapped_column(BoundedString(KEY))
    role: Mapped[str] = mapped_column(BoundedString(40))
    seat: Mapped[str] = mapped_column(BoundedString(NAME), default="")
    valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)


class MeetingRow(Base):
    __tablename__ = "meetings"
    __table_args__ = (
        _group_fk(),
        UniqueConstraint("region", "group_key", "uid"),
        Index("ix_meetings_group_start", "region", "group_key", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region: Mapped[str] = mapped_column(BoundedString(KEY))
    group_key: Mapped[str] = mapped_column(BoundedString(KEY))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    location: Mapped[str] = mapped_column(BoundedString(NAME * 2), default="")
    title: Mapped[str] = mapped_column(BoundedString(NAME * 2), default="")
    agenda_url: Mapped[str] = mapped_column(BoundedString(URL), default="")
    teams_url: Mapped[str] = mapped_column(BoundedString(URL), default="")
    minutes_url: Mapped[str] = mapped_column(BoundedString(URL), default="")
    uid: Mapped[str] = mapped_column(BoundedString(255))
    all_day: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class DocumentRow(Base):
    __tablename__ = "documents"

    key: Mapped[str] = mapped_column(BoundedString(100), primary_key=True)
    region: Mapped[str] = mapped_column(ForeignKey("regions.key"), index=True)
    title: Mapped[str] = mapped_column(BoundedString(NAME * 2))
    period: Mapped[str] = mapped_column(BoundedString(40), default="")
    dated: Mapped[str] = mapped_column(BoundedString(20), default="")
    source_file: Mapped[str] = mapped_column(BoundedString(NAME), default="")
    # "data": written by seed from data/; "library": imported by the office from a file.
    origin: Mapped[str] = mapped_column(BoundedString(20), default=DATA, server_default=DATA)
    replaces: Mapped[str] = mapped_column(BoundedString(100), default="", server_default="")
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    imported_by: Mapped[str] = mapped_column(BoundedString(NAME), default="", server_default="")


class SectionRow(Base):
    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("document_key", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_key: Mapped[str] = mapped_column(
        ForeignKey("documents.key", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(BoundedString(100))
    number: Mapped[str] = mapped_column(BoundedString(20), default="")
    title: Mapped[str] = mapped_column(BoundedString(NAME * 2), default="")
    text: Mapped[str] = mapped_column(CleanText(), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
