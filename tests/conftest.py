"""Shared fixtures: a real database on SQLite and on PostgreSQL, never mocks.

`database_url` gives a fresh, empty database per test (a file in tmp_path, or a new
PostgreSQL database `sbot_test_<random>` that is dropped afterwards); `db` gives that
database migrated and connected. PostgreSQL variants carry `@pytest.mark.postgres` and are
skipped when the server cannot be reached, unless BOT_REQUIRE_POSTGRES=1.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from bot.store.database import Database
from bot.store.migrate import upgrade_async

ADMIN_URL = os.environ.get("BOT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("BOT_REQUIRE_POSTGRES") == "1"

_postgres_passed = 0
_postgres_error: str | None = None  # cached: one failed connection per session is enough


def _plain(url: str) -> str:
    """asyncpg wants postgresql://, whatever spelling the environment used."""
    scheme, rest = url.split("://", 1)
    return "postgresql://" + rest if scheme in ("postgres", "postgresql+asyncpg") else url


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(_plain(url))
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, ""))


def _unreachable_message() -> str:
    parts = urlsplit(_plain(ADMIN_URL))
    where = f"{parts.hostname or '127.0.0.1'}:{parts.port or 5432}"
    return f"PostgreSQL på {where} nås inte: PostgreSQL-testerna hoppas över"


async def _admin_connection() -> Any:
    import asyncpg

    global _postgres_error
    if _postgres_error is not None:
        raise ConnectionError(_postgres_error)
    try:
        return await asyncpg.connect(_plain(ADMIN_URL), timeout=5)
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        _postgres_error = f"{_unreachable_message()} ({error})"
        raise ConnectionError(_postgres_error) from error


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/bot.db"
        return
    try:
        admin = await _admin_connection()
    except ConnectionError as error:
        if REQUIRE_POSTGRES:
            pytest.fail(f"{error} (BOT_REQUIRE_POSTGRES=1)")
        pytest.skip(str(error))
    name = f"sbot_test_{secrets.token_hex(6)}"
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield _with_database(ADMIN_URL, name)
    finally:
        # FORCE ends connections a failing test left open (PostgreSQL 13+).
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """A migrated, connected Database on a fresh database; disposed afterwards."""
    await upgrade_async(database_url)
    database = await Database.connect(database_url)
    try:
        yield database
    finally:
        await database.dispose()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    global _postgres_passed
    if report.when == "call" and report.passed and "postgres" in report.keywords:
        _postgres_passed += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # CI sets BOT_REQUIRE_POSTGRES=1: a run where every PostgreSQL test was skipped or
    # deselected must not look green.
    if REQUIRE_POSTGRES and _postgres_passed == 0 and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if REQUIRE_POSTGRES and _postgres_passed == 0:
        terminalreporter.write_line(
            "BOT_REQUIRE_POSTGRES=1 men inget PostgreSQL-test gick igenom: sessionen misslyckas",
            red=True,
        )
