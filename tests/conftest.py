"""Shared fixtures: a real database on SQLite and on PostgreSQL, never mocks.

`database_url` gives a fresh, empty database per test (a file in tmp_path, or a new
PostgreSQL database `sbot_test_<random>` that is dropped afterwards); `db` gives that
database migrated and connected. PostgreSQL variants carry `@pytest.mark.postgres` and are
skipped when the server cannot be reached, unless BOT_REQUIRE_POSTGRES=1.

Time: `clock` is a `FixedClock` at `BOT_TEST_NOW` (an ISO moment, e.g. 2026-12-31T23:30+01:00),
else at `DEFAULT_NOW`. Every test that uses it is marked `dated`; CI runs those again at
several moments of the year (`.ci/run`), so no calendar day can turn the suite red.
"""

from __future__ import annotations

import inspect
import os
import secrets
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from bot.domain.clock import FixedClock
from bot.domain.search.hybrid import Embedder
from bot.event_loop import new_event_loop
from bot.store.database import Database
from bot.store.migrate import upgrade_async

ADMIN_URL = os.environ.get("BOT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("BOT_REQUIRE_POSTGRES") == "1"
# A Tuesday morning in Swedish winter time; CI also runs the dated tests at other moments.
DEFAULT_NOW = "2026-12-01T09:30:00+01:00"


def test_now() -> datetime:
    """The moment the dated tests run at."""
    moment = datetime.fromisoformat(os.environ.get("BOT_TEST_NOW") or DEFAULT_NOW)
    if moment.tzinfo is None:
        raise ValueError("BOT_TEST_NOW needs a UTC offset, e.g. 2026-12-31T23:30+01:00")
    return moment


test_now.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The sentence model, loaded once: its passage vectors are cached in it, so every app a
    test builds reuses them instead of embedding the documents again."""
    from bot.embeddings import E5Embedder

    return E5Embedder()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(test_now())


# Fixtures that hand a test "now": a test asking for one of them depends on the date.
DATED_FIXTURES = frozenset({"clock", "bot"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        function = getattr(item, "function", None)
        wanted = inspect.signature(function).parameters if function else {}
        if DATED_FIXTURES & set(wanted):
            item.add_marker(pytest.mark.dated)


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
async def db(database_url: str, clock: FixedClock) -> AsyncIterator[Database]:
    """A migrated, connected Database on a fresh database; disposed afterwards."""
    await upgrade_async(database_url)
    database = await Database.connect(database_url, clock)
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


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> dict[str, Any]:
    """Async tests run on the loop `serve` runs on (uvloop where installed), so a
    difference between uvloop and asyncio's own loop shows here and not in production."""
    return {"service": new_event_loop}
