"""When each job last finished a round (implements `bot.domain.ports.JobLog`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.store.dialect import insert
from bot.store.engine import Sessions
from bot.store.tables import JobRunRow


class SqlJobLog:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def last_run(self, name: str) -> datetime | None:
        async with self._sessions.read() as session:
            found: datetime | None = await session.scalar(
                select(JobRunRow.last_at).where(JobRunRow.name == name)
            )
            return found

    async def record_run(self, name: str, at: datetime) -> None:
        stmt = insert(self._sessions.dialect, JobRunRow).values(name=name, last_at=at)
        stmt = stmt.on_conflict_do_update(
            index_elements=["name"],
            set_={"last_at": stmt.excluded.last_at},
            where=JobRunRow.last_at < stmt.excluded.last_at,
        )
        async with self._sessions.write() as session:
            await session.execute(stmt)
