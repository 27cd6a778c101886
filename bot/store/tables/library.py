"""The office's library: the change counter every instance watches, and imports awaiting
the office's confirmation (a file sent in Teams, shown on a card first)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.tables.base import NAME, Base, BoundedString, CleanText, UTCDateTime


class LibraryChangeRow(Base):
    """One row per change to the library; the highest id is its generation, which each
    instance polls to rebuild its answers without a restart."""

    __tablename__ = "library_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    what: Mapped[str] = mapped_column(BoundedString(NAME * 2))
    by: Mapped[str] = mapped_column(BoundedString(NAME), default="")


class PendingImportRow(Base):
    """A document read from a file and shown to the office, not yet imported."""

    __tablename__ = "pending_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    by: Mapped[str] = mapped_column(BoundedString(NAME), default="")
    file_name: Mapped[str] = mapped_column(BoundedString(NAME), default="")
    document: Mapped[str] = mapped_column(CleanText())  # the Document as JSON
