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


def upsert(dialect: str, table: Any, values: dict[str, Any], key: str) -> Any:
    """INSERT the row, or replace every other column when a row with `key` exists."""
    stmt = insert(dialect, table).values(**values)
    return stmt.on_conflict_do_update(
        index_elements=[key],
        set_={column: stmt.excluded[column] for column in values if column != key},
    )
