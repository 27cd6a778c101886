from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.domain.clock import FixedClock
from bot.store.database import Database, normalize_url
from bot.store.engine import Sessions, make_engine
from bot.store.migrate import current_revision, head_revision, upgrade, upgrade_async
from bot.store.tables import Base
from tests.conftest import test_now


async def _on(url: str, fn: Any) -> Any:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(fn)
    finally:
        await engine.dispose()


def _diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_migrated_schema_matches_models(database_url: str) -> None:
    await upgrade_async(database_url)
    assert await _on(database_url, _diff) == []
    # The newest migration is the head, and a fresh database is migrated to it.
    assert await _on(database_url, current_revision) == head_revision() == "0009_queued_activities"


async def test_upgrade_is_safe_to_repeat(database_url: str) -> None:
    await upgrade_async(database_url)
    await upgrade_async(database_url)
    tables = await _on(database_url, lambda c: set(inspect(c).get_table_names()))
    assert set(Base.metadata.tables) <= tables


def test_sync_upgrade_creates_parent_directory(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "bot.db"
    upgrade(f"sqlite:///{path}")
    assert path.exists()


async def test_connect_ping_dispose(db: Database) -> None:
    assert await db.ping()
    assert not await db.is_seeded()
    await db.dispose()
    # After dispose the pool reconnects lazily; ping still answers and never raises.
    assert await db.ping() in (True, False)


async def test_dead_server_fails_connect_but_not_ping() -> None:
    # Port 1 refuses connections: connect() reports it, ping() only answers False.
    url = "postgresql://nobody@127.0.0.1:1/none"
    with pytest.raises(OSError):
        await Database.connect(url)
    database = Database(Sessions(make_engine(url), FixedClock(test_now())), url)
    assert await database.ping() is False
    await database.dispose()


async def test_sqlite_pragmas(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite only")
    async with db.sessions.read() as session:
        connection = await session.connection()
        mode = (await connection.exec_driver_sql("PRAGMA journal_mode")).scalar()
        fks = (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar()
        busy = (await connection.exec_driver_sql("PRAGMA busy_timeout")).scalar()
    assert (mode, fks) == ("wal", 1)
    assert busy and busy >= 1000


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///var/bot.db", "sqlite+aiosqlite:///var/bot.db"),
        ("sqlite:////abs/bot.db", "sqlite+aiosqlite:////abs/bot.db"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("postgresql://u:p@h:5432/d", "postgresql+asyncpg://u:p@h:5432/d"),
        ("postgres://u@h/d", "postgresql+asyncpg://u@h/d"),
        ("postgresql+asyncpg://u@h/d", "postgresql+asyncpg://u@h/d"),
    ],
)
def test_normalize_url(url: str, expected: str) -> None:
    assert normalize_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "",
        "mysql://u@h/d",
        "bot.db",
        "sqlite://",
        "sqlite:///:memory:",
        "postgresql+psycopg2://u@h/d",
    ],
)
def test_normalize_url_rejects(url: str) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        normalize_url(url)


async def test_0008_turns_old_answers_into_counts_and_loses_no_round(database_url: str) -> None:
    """Answers stored per person before 0008 become counts (each group on its own) and loose
    comments; rounds, invitations and handled activities survive the upgrade."""
    import asyncio
    import json

    from alembic import command
    from sqlalchemy import text

    from bot.store.migrate import alembic_config

    await asyncio.to_thread(command.upgrade, alembic_config(database_url), "0007_library")

    def old_rows(connection: Connection) -> None:
        connection.execute(
            text(
                "INSERT INTO survey_rounds (id, region, title, period, opens_at, closes_at, "
                "question_keys, state, secret, created_at) VALUES (1, 'sodra-alvsborg', 'E', "
                "'p', :t, :t, '[\"a\"]', 'closed', 'abc', :t)"
            ),
            {"t": test_now()},
        )
        for n, (choice, groups, comment) in enumerate(
            [("ja", ["dps", "au"], "bra"), ("nej", ["dps"], ""), ("ja", [], "")]
        ):
            connection.execute(
                text("INSERT INTO survey_responses VALUES (1, :r, 'a', :c, :m, :g)"),
                {"r": f"token{n}", "c": choice, "m": comment, "g": json.dumps(groups)},
            )
        connection.commit()

    await _on(database_url, old_rows)
    await upgrade_async(database_url)

    def new_rows(connection: Connection) -> tuple[list[Any], list[Any], list[Any]]:
        tallies = connection.execute(
            text("SELECT group_key, choice, count FROM survey_tallies ORDER BY 1, 2")
        ).all()
        comments = connection.execute(text("SELECT comment FROM survey_comments")).all()
        rounds = connection.execute(text("SELECT id, secret FROM survey_rounds")).all()
        return [tuple(t) for t in tallies], [c[0] for c in comments], [tuple(r) for r in rounds]

    tallies, comments, rounds = await _on(database_url, new_rows)
    assert tallies == [("", "ja", 2), ("", "nej", 1), ("au", "ja", 1), ("dps", "ja", 1),
                       ("dps", "nej", 1)]  # fmt: skip
    assert comments == ["bra"]
    assert rounds == [(1, "")]  # the round is kept; its old linking secret is gone
