"""Engines and sessions for SQLite (aiosqlite) and PostgreSQL (asyncpg).

Everything that knows a driver detail lives here, so the repositories only see
`Sessions.read()` and `Sessions.write()`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.domain.clock import Clock
from bot.domain.ports import StoreUnavailable

SQLITE_BUSY_TIMEOUT_MS = 15_000

_ACCEPTED = (
    "sqlite:///PATH, sqlite+aiosqlite:///PATH, postgresql://…, postgres://… "
    "eller postgresql+asyncpg://…"
)


def normalize_url(url: str) -> str:
    """The async-driver form of a database URL, or ValueError saying what is accepted."""
    raw = url.strip()
    if not raw:
        raise ValueError(f"Databas-URL saknas; ange {_ACCEPTED}")
    scheme, sep, rest = raw.partition("://")
    if not sep:
        raise ValueError(f"Ogiltig databas-URL {raw!r}; ange {_ACCEPTED}")
    scheme = scheme.lower()
    if scheme in ("sqlite", "sqlite+aiosqlite"):
        # sqlite:///relative.db has three slashes, sqlite:////abs/path.db four.
        if not rest.startswith("/") or rest == "/":
            raise ValueError(f"SQLite-URL {raw!r} saknar filsökväg; skriv sqlite:///var/bot.db")
        if rest.strip("/") == ":memory:":
            # Every pooled connection would get its own empty database, without the schema.
            raise ValueError("SQLite i minnet stöds inte; ange en fil, t.ex. sqlite:///var/bot.db")
        return f"sqlite+aiosqlite://{rest}"
    if scheme in ("postgresql", "postgres", "postgresql+asyncpg"):
        return f"postgresql+asyncpg://{rest}"
    raise ValueError(f"Databastypen {scheme!r} stöds inte; ange {_ACCEPTED}")


def is_sqlite(url: str) -> bool:
    return normalize_url(url).startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL (None for in-memory databases)."""
    database = make_url(normalize_url(url)).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def _install_sqlite_hooks(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own implicit BEGIN cannot be made IMMEDIATE; take over transaction
        # control (SQLAlchemy's documented recipe) and emit BEGIN ourselves in _on_begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # WAL lets readers run while one writer writes; the timeout makes a second
            # writer wait instead of failing with "database is locked".
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A DEFERRED transaction that reads and then writes can fail at once with
        # SQLITE_BUSY when another connection writes (no lock upgrade while waiting),
        # so write sessions take the write lock up front.
        mode = "IMMEDIATE" if conn.get_execution_options().get("sqlite_immediate") else ""
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


# A bot instance handles few concurrent turns; 5+10 connections per instance keeps several
# instances well under PostgreSQL's default max_connections of 100.
POOL_SIZE = 5
MAX_OVERFLOW = 10
CONNECTIONS = POOL_SIZE + MAX_OVERFLOW


def make_engine(url: str) -> AsyncEngine:
    """An async engine for the URL, with SQLite pragmas or a PostgreSQL pool set up."""
    async_url = normalize_url(url)
    if async_url.startswith("sqlite"):
        path = sqlite_path(async_url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            async_url, pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW, pool_timeout=60
        )
        _install_sqlite_hooks(engine)
        return engine
    return create_async_engine(
        async_url,
        pool_size=POOL_SIZE,
        max_overflow=MAX_OVERFLOW,
        pool_timeout=30,
        pool_pre_ping=True,  # survives a database restart or an idle-killing proxy
        pool_recycle=1800,
    )


class Sessions:
    """Read and write sessions on one engine, and the clock that stamps rows; repositories
    get one of these."""

    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock
        self.dialect = engine.dialect.name  # "sqlite" or "postgresql"
        writer = engine.execution_options(sqlite_immediate=True)
        self._read = async_sessionmaker(engine, expire_on_commit=False)
        self._write = async_sessionmaker(writer, expire_on_commit=False)
        # SQLite has one writer at a time. Left to itself, a waiting connection polls the
        # lock with growing sleeps (busy_timeout), so a burst of writers spends most of its
        # time asleep; queueing them here hands the lock over at once, in arrival order.
        self._writers = asyncio.Lock() if self.dialect == "sqlite" else None

    def now(self) -> datetime:
        return self.clock.now()

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        with unavailable_as_store_error():
            async with self._read() as session:
                yield session

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """A session inside one transaction: committed on success, rolled back on error."""
        with unavailable_as_store_error():
            if self._writers is None:
                async with self._write() as session, session.begin():
                    yield session
                return
            async with self._writers, self._write() as session, session.begin():
                yield session


def is_unavailable(error: BaseException) -> bool:
    """Whether a driver error means "the database cannot be reached now" rather than a fault
    in the statement: refused or dropped connections, a server starting or shutting down, a
    pool or lock time-out (SQLite's "database is locked" is an OperationalError)."""
    if isinstance(error, exc.DBAPIError):
        return error.connection_invalidated or isinstance(
            error, exc.OperationalError | exc.InterfaceError
        )
    return isinstance(error, exc.TimeoutError | OSError | asyncio.TimeoutError)


@contextmanager
def unavailable_as_store_error() -> Iterator[None]:
    try:
        yield
    except StoreUnavailable:
        raise
    except Exception as error:
        if is_unavailable(error):
            raise StoreUnavailable(type(error).__name__) from error
        raise
