"""Handle each incoming activity once, and lose none (implements `ActivityLog`).

An activity counts as handled only once its reply is sent. Teams redelivers an activity
whose HTTP answer did not come (a slow turn, a crash, a restart), possibly to another
instance, so:

- `begin` claims it. On PostgreSQL the claim is a row (an atomic insert: of concurrent
  deliveries exactly one wins); SQLite serves one instance, so there memory decides and
  no write is spent before the turn.
- `finish` records it as handled once the reply is out. Marks are group-committed: the
  turns finishing while one write runs share the next, so a burst costs a few writes.
- A crash between the two leaves a claim without a mark: the redelivery takes it over
  (after `_LEASE` when another instance made it, at once when this instance did — its
  name is stable across restarts), and `release_stale` clears this instance's on start.
- With the database unreachable, claims and marks are kept in memory and the marks are
  written when it returns: questions are still answered where the turn needs no database.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import OrderedDict
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from bot.domain.ports import Delivery, StoreUnavailable
from bot.store.dialect import insert
from bot.store.engine import Sessions
from bot.store.tables import ProcessedActivityRow

log = logging.getLogger(__name__)

_REMEMBER = timedelta(hours=1)  # Teams retries within seconds; an hour is ample
_LEASE = timedelta(seconds=15)  # Teams itself gives up on an answer after 15 s
_MAX_REMEMBERED = 50_000  # keys of at most 71 characters: about 12 MiB
_MAX_UNWRITTEN = 50_000  # marks held through an outage; the oldest go first
_RETRY_DELAY = 1.0  # seconds between attempts to write marks held through an outage
_GATHER_MARKS = 0.1  # seconds marks written behind the answers wait for each other


class SqlActivityLog:
    def __init__(
        self, sessions: Sessions, *, single_instance: bool = False, instance: str = ""
    ) -> None:
        self._sessions = sessions
        self._single_instance = single_instance
        self._instance = instance
        self._recent: OrderedDict[str, datetime] = OrderedDict()  # handled: key -> seen
        self._active: set[str] = set()  # being handled by this process
        self._unwritten: OrderedDict[str, datetime] = OrderedDict()  # handled, not yet stored
        self._writing = asyncio.Lock()
        self._retry: asyncio.Task[None] | None = None
        self._writer: asyncio.Task[None] | None = None
        self._loaded = False

    async def begin(self, activity_key: str) -> Delivery:
        key = stored_key(activity_key)
        if key in self._active:
            return Delivery.IN_PROGRESS
        if key in self._recent:
            return Delivery.HANDLED
        # Taken in memory before the first await: a second delivery arriving meanwhile
        # in this process sees it in progress.
        self._active.add(key)
        outcome = Delivery.NEW
        try:
            if self._single_instance:
                if not self._loaded:
                    await self._load_recent()
                if key in self._recent:
                    outcome = Delivery.HANDLED
            else:
                outcome = await self._claim(key)
        except StoreUnavailable:
            log.warning("database unreachable: activity claimed in memory only")
        finally:
            if outcome is not Delivery.NEW:
                self._active.discard(key)
        if outcome is Delivery.HANDLED:
            self._remember(key)
        return outcome

    async def finish(self, activity_key: str) -> None:
        await self._write_marks(self._handled(activity_key))

    def handled(self, activity_key: str) -> None:
        """As `finish`, without waiting for the write (group-committed in the background).

        The endpoint answers Teams right after the reply, so a crash after that needs no
        mark (Teams got its 200 and does not redeliver); the mark matters for deliveries
        that arrive while the turn runs, which memory and the claim row already cover.
        """
        self._handled(activity_key)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_pending())

    def _handled(self, activity_key: str) -> str:
        key = stored_key(activity_key)
        self._active.discard(key)
        now = self._sessions.now()
        self._remember(key, now)
        self._unwritten[key] = now
        while len(self._unwritten) > _MAX_UNWRITTEN:
            self._unwritten.popitem(last=False)
        return key

    async def _write_pending(self) -> None:
        while self._unwritten:
            # A moment's wait gathers the turns finishing meanwhile into the same write: under
            # load a write per turn would cost more than the turns themselves.
            await asyncio.sleep(_GATHER_MARKS)
            newest = next(reversed(self._unwritten))
            try:
                await self._write_marks(newest)
            except Exception:  # logged; the marks stay in memory for the next write
                log.exception("could not record handled activities")
                return
            if newest in self._unwritten:
                return  # the database is down: the retrier has them

    async def abandon(self, activity_key: str) -> None:
        key = stored_key(activity_key)
        self._active.discard(key)
        if self._single_instance:
            return  # nothing was written
        try:
            async with self._sessions.write() as session:
                await session.execute(
                    delete(ProcessedActivityRow).where(
                        ProcessedActivityRow.key == key,
                        ProcessedActivityRow.handled_at.is_(None),
                        ProcessedActivityRow.claimed_by == self._instance,
                    )
                )
        except StoreUnavailable:
            pass  # the claim is this instance's: a redelivery takes it over at once

    async def release_stale(self) -> int:
        stale: ColumnElement[bool] = ProcessedActivityRow.handled_at.is_(None)
        if not self._single_instance:
            stale = and_(stale, ProcessedActivityRow.claimed_by == self._instance)
        async with self._sessions.write() as session:
            result = await session.execute(delete(ProcessedActivityRow).where(stale))
            return int(result.rowcount)  # type: ignore[attr-defined]

    async def flush(self) -> None:
        """Write the marks still held in memory (on shut-down)."""
        if self._retry is not None and not self._retry.done():
            self._retry.cancel()
        if self._unwritten:
            await self._write_marks(next(reversed(self._unwritten)))

    async def prune(self, older_than: datetime | timedelta) -> int:
        """Forget activities seen before a moment (or longer ago than a duration)."""
        now = self._sessions.now()
        cutoff = now - older_than if isinstance(older_than, timedelta) else older_than
        for key in [k for k, seen in self._recent.items() if seen < cutoff]:
            del self._recent[key]
        async with self._sessions.write() as session:
            result = await session.execute(
                delete(ProcessedActivityRow).where(
                    ProcessedActivityRow.seen_at < cutoff,
                    # A claim still under way is the lease's business, not the pruner's.
                    or_(
                        ProcessedActivityRow.handled_at.is_not(None),
                        ProcessedActivityRow.seen_at < cutoff - _LEASE,
                    ),
                )
            )
            return int(result.rowcount)  # type: ignore[attr-defined]

    # -- claims ------------------------------------------------------------------------

    async def _claim(self, key: str) -> Delivery:
        """Insert the claim; if it exists, say whose it is, taking over a stale one."""
        now = self._sessions.now()
        row = ProcessedActivityRow
        stmt = (
            insert(self._sessions.dialect, row)
            .values(key=key, seen_at=now, claimed_by=self._instance, handled_at=None)
            .on_conflict_do_nothing(index_elements=["key"])
        )
        async with self._sessions.write() as session:
            if (await session.execute(stmt)).rowcount == 1:  # type: ignore[attr-defined]
                return Delivery.NEW
            found = (
                await session.execute(
                    select(row.seen_at, row.claimed_by, row.handled_at).where(row.key == key)
                )
            ).first()
            if found is None:  # pruned between the two statements: a later delivery wins
                return Delivery.ELSEWHERE
            seen, owner, handled = found
            if handled is not None:
                return Delivery.HANDLED
            # Ours but not in memory: a process of this instance died mid-turn.
            if owner != self._instance and seen > now - _LEASE:
                return Delivery.ELSEWHERE
            taken = await session.execute(
                update(row)
                .where(row.key == key, row.handled_at.is_(None), row.seen_at == seen)
                .values(seen_at=now, claimed_by=self._instance)
            )
            return Delivery.NEW if taken.rowcount == 1 else Delivery.ELSEWHERE  # type: ignore[attr-defined]

    # -- marks -------------------------------------------------------------------------

    async def _write_marks(self, key: str) -> None:
        """Write the pending marks, `key`'s among them: a turn that finds a write under way
        waits for it and then writes everything that piled up meanwhile in one go."""
        async with self._writing:
            if key not in self._unwritten:
                return  # a write that began after this turn finished took it along
            batch = dict(self._unwritten)
            try:
                await self._store_marks(batch)
            except StoreUnavailable:
                log.warning(
                    "database unreachable: %d handled activities kept in memory", len(batch)
                )
                self._retry_later()
                return
            for written in batch:
                if self._unwritten.get(written) == batch[written]:
                    del self._unwritten[written]

    async def _store_marks(self, batch: dict[str, datetime]) -> None:
        row = ProcessedActivityRow
        stmt = insert(self._sessions.dialect, row)
        stmt = stmt.on_conflict_do_update(
            index_elements=["key"], set_={"handled_at": stmt.excluded.handled_at}
        )
        values = [
            {"key": k, "seen_at": at, "claimed_by": self._instance, "handled_at": at}
            for k, at in batch.items()
        ]
        async with self._sessions.write() as session:
            await session.execute(stmt, values)

    def _retry_later(self) -> None:
        if self._retry is None or self._retry.done():
            self._retry = asyncio.create_task(self._keep_trying())

    async def _keep_trying(self) -> None:
        while self._unwritten:
            await asyncio.sleep(_RETRY_DELAY)
            try:
                await self._write_marks(next(reversed(self._unwritten)))
            except Exception:  # never let the retrier die silently with marks unwritten
                log.exception("could not record handled activities")

    # -- memory ------------------------------------------------------------------------

    async def _load_recent(self) -> None:
        cutoff = self._sessions.now() - _REMEMBER
        row = ProcessedActivityRow
        async with self._sessions.read() as session:
            rows = await session.execute(
                select(row.key, row.seen_at).where(
                    row.seen_at >= cutoff, row.handled_at.is_not(None)
                )
            )
            for key, seen in rows:
                self._remember(key, seen)
        self._loaded = True

    def _remember(self, key: str, seen: datetime | None = None) -> None:
        self._recent[key] = seen or self._sessions.now()
        while len(self._recent) > _MAX_REMEMBERED:
            self._recent.popitem(last=False)


def stored_key(activity_key: str) -> str:
    if len(activity_key) > 64:
        # Hash rather than truncate: two long keys may share a prefix. Bounded keys keep
        # the memory above bounded by count.
        return "sha256:" + hashlib.sha256(activity_key.encode()).hexdigest()
    return activity_key
