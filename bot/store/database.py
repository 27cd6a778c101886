"""The database the bot runs on: one object holding the engine and the repositories.

    db = await Database.connect("sqlite:///var/bot.db")   # or postgresql://…
    person = await db.roster.person_by_aad(aad_id)
    await db.dispose()

Migrations are not run here (see `bot.store.migrate.upgrade`), so connecting never
changes a schema behind an operator's back.
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import select, text

from bot.domain.clock import Clock, SystemClock
from bot.store.activities import SqlActivityLog
from bot.store.announcements import SqlAnnouncementStore, SqlPauseStore
from bot.store.conversations import SqlConversationStore
from bot.store.engine import CONNECTIONS, Sessions, is_sqlite, make_engine, normalize_url
from bot.store.job_runs import SqlJobLog
from bot.store.library import SqlLibrary
from bot.store.meetings import SqlMeetingStore
from bot.store.outbox import SqlOutboxStore
from bot.store.questions import SqlQuestionStore
from bot.store.queue import SqlActivityQueue
from bot.store.roster import SqlRosterStore
from bot.store.surveys import SqlSurveyStore
from bot.store.tables import DATA, RegionRow
from bot.store.vectors import SqlVectorStore

__all__ = ["Database", "normalize_url"]

log = logging.getLogger(__name__)


class Database:
    def __init__(self, sessions: Sessions, url: str, instance: str = "") -> None:
        self.sessions = sessions
        self.url = url
        self.roster = SqlRosterStore(sessions)
        self.meetings = SqlMeetingStore(sessions)
        self.conversations = SqlConversationStore(sessions)
        self.questions = SqlQuestionStore(sessions)
        self.outbox = SqlOutboxStore(sessions)
        self.surveys = SqlSurveyStore(sessions)
        self.announcements = SqlAnnouncementStore(sessions)
        self.pauses = SqlPauseStore(sessions)
        self.vectors = SqlVectorStore(sessions)
        self.library = SqlLibrary(sessions)
        self.job_runs = SqlJobLog(sessions)
        # A process without a stable name gets one of its own: it then never mistakes
        # another process's claims for its own.
        self.instance = instance or f"process-{uuid.uuid4().hex}"
        self.activities = SqlActivityLog(
            sessions, single_instance=is_sqlite(url), instance=self.instance
        )
        self.queue = SqlActivityQueue(sessions, self.instance)

    @classmethod
    async def connect(cls, url: str, clock: Clock | None = None, instance: str = "") -> Database:
        """Open a pool on `url` and check that the server answers. Rows are stamped with
        `clock`'s time (the wall clock unless a test or the runtime gives its own).

        Raises ValueError for an unsupported URL and the driver's error when the
        database cannot be reached, so start-up fails with the real reason.
        """
        engine = make_engine(url)
        try:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except BaseException:
            await engine.dispose()
            raise
        return cls(Sessions(engine, clock or SystemClock()), normalize_url(url), instance)

    @property
    def dialect(self) -> str:
        return self.sessions.dialect

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def concurrent_turns(self) -> int:
        """How many turns may use the database at once without queueing in its pool.

        SQLite reads are cheap and writes are serialised by the database itself; on
        PostgreSQL it is the connection pool's size.
        """
        return 32 if self.is_sqlite else CONNECTIONS

    async def ping(self) -> bool:
        """True when the database answers SELECT 1; never raises (for health checks)."""
        try:
            async with self.sessions.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
            return True
        except Exception:
            log.warning("database ping failed", exc_info=True)
            return False

    async def is_seeded(self) -> bool:
        """True when the governance data has been written (a region from data/)."""
        async with self.sessions.read() as session:
            query = select(RegionRow.key).where(RegionRow.origin == DATA).limit(1)
            return await session.scalar(query) is not None

    async def dispose(self) -> None:
        await self.activities.flush()
        await self.sessions.engine.dispose()
