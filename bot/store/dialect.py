"""The one place that picks SQLite or PostgreSQL syntax for INSERT … ON CONFLICT."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite


def insert(dialect: str, table: Any) -> Any:
    """A dialect-specific INSERT that supports on_conflict_do_nothing/do_update.

    Both dialects spell the clause the same way, so callers stay portable; the return type
    is Any because the two Insert classes share no public base with those methods.
    """
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise ValueError(f"unsupported database dialect {dialect!r}")
