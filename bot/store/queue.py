"""Activities stored at the door, answered behind the HTTP answer (implements `ActivityQueue`).

A burst (2,000 survey answers in a minute) must not wait in line for its turns before Teams
hears that it arrived: Teams resends after 15 s. So the endpoint stores the activity and
answers 202; the turns run behind. Stores are group-committed: every activity arriving
while one write runs goes into the next, so a burst costs a few dozen writes, not 2,000.

Each row belongs to the instance that stored it. One that dies leaves its rows: after
`_LEASE` another instance takes them over, and the same instance (its name is stable) takes
its own back at once on start. A turn that runs twice is answered once: the activity log
claims each activity before its turn, as for any other.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update

from bot.domain.ports import QueuedActivity
from bot.store.activities import stored_key
from bot.store.dialect import insert
from bot.store.engine import Sessions
from bot.store.tables import QueuedActivityRow

log = logging.getLogger(__name__)

_LEASE = timedelta(seconds=60)  # rows another instance stored and left this long are taken
_ADOPT_EVERY = timedelta(seconds=10)  # how often `take` looks for such rows


class SqlActivityQueue:
    def __init__(self, sessions: Sessions, instance: str) -> None:
        self._sessions = sessions
        self._instance = instance
        self._pending: list[tuple[dict[str, Any], asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._adopted_at: datetime | None = None  # when `take` last looked for others' rows

    async def put(self, key: str, activity: dict[str, Any]) -> None:
        row = {
            "key": stored_key(key),
            "activity": activity,
            "queued_by": self._instance,
            "queued_at": self._sessions.now(),
            "attempts": 0,
        }
        stored: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((row, stored))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_pending())
        await stored

    async def _write_pending(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            rows = list({row["key"]: row for row, _ in batch}.values())  # one per activity
            try:
                stmt = insert(self._sessions.dialect, QueuedActivityRow)
                async with self._sessions.write() as session:
                    await session.execute(stmt.on_conflict_do_nothing(index_elements=["key"]), rows)
            except Exception as err:  # StoreUnavailable or a fault: each waiter hears it
                for _, stored in batch:
                    if not stored.done():
                        stored.set_exception(err)
                continue
            for _, stored in batch:
                if not stored.done():
                    stored.set_result(None)

    async def take(self, limit: int, skip: Sequence[str] = ()) -> Sequence[QueuedActivity]:
        now = self._sessions.now()
        row = QueuedActivityRow
        if self._adopted_at is None or now - self._adopted_at >= _ADOPT_EVERY:
            await self._adopt(now)
        query = select(row).where(row.queued_by == self._instance)
        if skip:
            query = query.where(row.key.not_in(list(skip)))
        async with self._sessions.read() as session:
            rows = await session.scalars(query.order_by(row.queued_at, row.key).limit(limit))
            return [QueuedActivity(r.key, r.activity, r.attempts) for r in rows]

    async def _adopt(self, now: datetime) -> None:
        """Take over the rows another instance stored and left for longer than the lease.
        One statement: of two instances adopting at once, each row goes to one."""
        row = QueuedActivityRow
        async with self._sessions.write() as session:
            taken = await session.execute(
                update(row)
                .where(row.queued_by != self._instance, row.queued_at < now - _LEASE)
                .values(queued_by=self._instance, queued_at=now)
            )
        self._adopted_at = now
        count = int(taken.rowcount)  # type: ignore[attr-defined]
        if count:
            log.warning("took over %d queued activities another instance left", count)

    async def done(self, keys: Sequence[str]) -> None:
        if not keys:
            return
        row = QueuedActivityRow
        async with self._sessions.write() as session:
            await session.execute(delete(row).where(row.key.in_(list(keys))))

    async def failed(self, key: str) -> int:
        row = QueuedActivityRow
        async with self._sessions.write() as session:
            attempts = await session.scalar(
                update(row)
                .where(row.key == key)
                .values(attempts=row.attempts + 1)
                .returning(row.attempts)
            )
        return int(attempts or 0)
