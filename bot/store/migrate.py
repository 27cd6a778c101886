"""Bring a database to the newest schema: `alembic upgrade head` without an alembic.ini.

Safe to call on every start: an up-to-date database is left alone, and on PostgreSQL an
advisory lock keeps two instances starting at once from migrating in parallel.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection

from bot.store.engine import make_engine, normalize_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant works; it only has to be the same for every instance of the bot.
_PG_LOCK_ID = 0x5AB0_7001


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        # ConfigParser treats % as interpolation; passwords may contain it.
        config.set_main_option("sqlalchemy.url", normalize_url(url).replace("%", "%%"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _upgrade_on(connection: Connection, config: Config) -> None:
    if connection.dialect.name == "postgresql":
        # Released with the transaction; a second instance waits here, then finds head.
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def upgrade_async(url: str) -> None:
    """Run all pending migrations on the database at `url`."""
    config = alembic_config(url)
    engine = make_engine(url)
    try:
        # sqlite_immediate: take SQLite's write lock first, so two starting processes
        # queue up instead of failing half-way.
        async with engine.connect() as connection:
            connection = await connection.execution_options(sqlite_immediate=True)
            async with connection.begin():
                await connection.run_sync(_upgrade_on, config)
    finally:
        await engine.dispose()


def upgrade(url: str) -> None:
    """Synchronous form for the command line and start-up (not inside a running loop)."""
    asyncio.run(upgrade_async(url))
