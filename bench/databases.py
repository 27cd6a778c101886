"""Throw-away databases for the benchmarks: a fresh PostgreSQL database, dropped after."""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

ADMIN_URL = os.environ.get("BOT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@asynccontextmanager
async def postgres_database() -> AsyncIterator[str | None]:
    """The URL of a new, empty database on the benchmark's server, dropped afterwards;
    None when no server answers (the PostgreSQL half of a benchmark is then skipped)."""
    import asyncpg

    plain = "postgresql://" + ADMIN_URL.split("://", 1)[1]
    try:
        admin = await asyncpg.connect(plain, timeout=5)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        yield None
        return
    name = f"sbot_bench_{secrets.token_hex(4)}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield plain.rsplit("/", 1)[0] + "/" + name
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def on_both_databases(run: Callable[[str, str], Awaitable[str]], what: str) -> list[str]:
    """`run(url, label)` on a throw-away SQLite file, then on a fresh PostgreSQL database
    (a "skipped" line when no server answers)."""
    with tempfile.TemporaryDirectory() as tmp:
        lines = [await run(f"sqlite:///{tmp}/bench.db", "SQLite")]
    async with postgres_database() as url:
        if url is None:
            lines.append(f"{what}, PostgreSQL: skipped (no server)")
        else:
            lines.append(await run(url, "PostgreSQL"))
    return lines
