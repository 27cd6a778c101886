"""Handle each incoming activity once (implements `bot.domain.ports.ActivityLog`).

Teams redelivers an activity when the bot answers slowly, and with several instances the
retry may land on another one; on PostgreSQL the database row is the only shared memory
they have, so each first delivery is an atomic insert before the turn runs.

SQLite serves exactly one instance, so there memory decides: keys seen in the last hour are
loaded at start-up, new ones are kept in memory at once and written to the database in
small batches behind the turn (a crash loses at most the last fraction of a second of keys).
That takes a write off every turn, the largest cost of a turn on SQLite.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import OrderedDict
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from bot.store.dialect import insert
from bot.store.engine import Sessions
from bot.store.tables import CONVERSATION_ID, ProcessedActivityRow

log = logging.getLogger(__name__)

_REMEMBER = timedelta(hours=1)  # Teams retries within seconds; an hour is ample
_MAX_REMEMBERED = 200_000
_FLUSH_DELAY = 0.2  # seconds between batched writes on SQLite


class SqlActivityLog:
    def __init__(self, sessions: Sessions, *, single_instance: bool = False) -> None:
        self._sessions = sessions
        self._single_instance = single_instance
        self._recent: OrderedDict[str, datetime] = OrderedDict()  # key -> first seen
        self._pending: list[tuple[str, datetime]] = []
        self._flusher: asyncio.Task[None] | None = None
        self._loaded = False

    async def first_delivery(self, activity_key: str) -> bool:
        key = _stored_key(activity_key)
        if key in self._recent:
            return False
        if not self._single_instance:
            first = await self._insert(key)
            self._remember(key)
            return first
        if not self._loaded:
            await self._load_recent()
            if key in self._recent:
                return False
        seen = self._remember(key)
        self._pending.append((key, seen))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_soon())
        return True

    async def flush(self) -> None:
        """Write the keys still held in memory (called on shut-down)."""
        if self._flusher is not None and not self._flusher.done():
            self._flusher.cancel()
        batch, self._pending = self._pending, []
        if batch:
            stmt = insert(self._sessions.dialect, ProcessedActivityRow).on_conflict_do_nothing(
                index_elements=["key"]
            )
            async with self._sessions.write() as session:
                await session.execute(stmt, [{"key": k, "seen_at": at} for k, at in batch])

    async def _flush_soon(self) -> None:
        await asyncio.sleep(_FLUSH_DELAY)
        try:
            await self.flush()
        except Exception:  # the keys stay in memory; the next flush tries again
            log.exception("could not record handled activities")

    async def _load_recent(self) -> None:
        cutoff = self._sessions.now() - _REMEMBER
        async with self._sessions.read() as session:
            rows = await session.execute(
                select(ProcessedActivityRow.key, ProcessedActivityRow.seen_at).where(
                    ProcessedActivityRow.seen_at >= cutoff
                )
            )
            for key, seen in rows:
                self._remember(key, seen)
        self._loaded = True

    def _remember(self, key: str, seen: datetime | None = None) -> datetime:
        seen = seen or self._sessions.now()
        self._recent[key] = seen
        if len(self._recent) > _MAX_REMEMBERED:
            self._recent.popitem(last=False)
        return seen

    async def _insert(self, key: str) -> bool:
        """True for the first call with this key, False for every later one, on any instance.

        INSERT … ON CONFLICT DO NOTHING is atomic in both databases: of concurrent
        inserts exactly one reports a row, the others wait for it and report none.
        """
        stmt = (
            insert(self._sessions.dialect, ProcessedActivityRow)
            .values(key=key, seen_at=self._sessions.now())
            .on_conflict_do_nothing(index_elements=["key"])
        )
        async with self._sessions.write() as session:
            result = await session.execute(stmt)
            return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def prune(self, older_than: datetime | timedelta) -> int:
        """Forget activities seen before a moment (or longer ago than a duration)."""
        now = self._sessions.now()
        cutoff = now - older_than if isinstance(older_than, timedelta) else older_than
        await self.flush()
        for key in [k for k, seen in self._recent.items() if seen < cutoff]:
            del self._recent[key]
        async with self._sessions.write() as session:
            result = await session.execute(
                delete(ProcessedActivityRow).where(ProcessedActivityRow.seen_at < cutoff)
            )
            return int(result.rowcount)  # type: ignore[attr-defined]


def _stored_key(activity_key: str) -> str:
    if len(activity_key) > CONVERSATION_ID:
        # Hash rather than truncate: two long keys may share a prefix.
        return "sha256:" + hashlib.sha256(activity_key.encode()).hexdigest()
    return activity_key
