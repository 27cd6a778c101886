"""Text embeddings, computed once and kept by content: the retrieval index's dense half."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.tables.base import Base, BoundedString, UTCDateTime


class TextVectorRow(Base):
    """One text's embedding under one model: the key is a hash of model, role and text, so
    a changed passage gets a new vector and an unchanged one is never computed again."""

    __tablename__ = "text_vectors"

    key: Mapped[str] = mapped_column(BoundedString(64), primary_key=True)
    model: Mapped[str] = mapped_column(BoundedString(64))
    dimensions: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
