"""The outbox in SQL (implements `bot.domain.outbox.OutboxStore`).

Claiming is the delicate part. On PostgreSQL several instances claim at once: rows are
taken with `SELECT … FOR UPDATE SKIP LOCKED` and held with a lease (`claimed_by`,
`lease_until`), so a post claimed by an instance that died is claimable again once the
lease has run out. On SQLite a write session holds the database's write lock (BEGIN
IMMEDIATE), which makes the plain select-then-update one step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, exists, func, not_, or_, select, text, tuple_, update
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from bot.domain.outbox import ClaimedPost, OutboxEntry, Post, PostState
from bot.store.dialect import insert
from bot.store.engine import Sessions
from bot.store.tables import OutboxRow

# Any constant will do; it only has to be the same in every instance (see claim_due).
_CLAIM_LOCK = 0x5AB0_0A7B_0C1A_1111

_PENDING = PostState.PENDING.value
_CLAIMED = PostState.CLAIMED.value
_WAITING = PostState.WAITING.value


def post_of(row: OutboxRow) -> Post:
    return Post(
        key=row.key,
        region=row.region,
        group=row.group_key,
        conversation_id=row.conversation_id,
        due_at=row.due_at,
        kind=row.kind,
        activity=dict(row.activity),
        meeting_id=row.meeting_id,
        expires_at=row.expires_at,
    )


def entry_of(row: OutboxRow) -> OutboxEntry:
    return OutboxEntry(
        post=post_of(row),
        state=PostState(row.state),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        claimed_by=row.claimed_by,
        lease_until=row.lease_until,
        activity_id=row.activity_id,
        sent_at=row.sent_at,
        last_error=row.last_error,
        updated_at=row.updated_at,
    )


def _claimable(row: Any, now: datetime) -> ColumnElement[bool]:
    """Due and pending, or claimed by a worker whose lease ran out; and not expired."""
    return and_(
        or_(
            and_(row.state == _PENDING, row.next_attempt_at <= now),
            and_(row.state == _CLAIMED, row.lease_until <= now),
        ),
        or_(row.expires_at.is_(None), row.expires_at > now),
    )


class SqlOutboxStore:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    @property
    def sessions(self) -> Sessions:
        """For the planner's look at paused groups in the same database."""
        return self._sessions

    async def enqueue(self, post: Post) -> bool:
        now = self._sessions.now()
        stmt = (
            insert(self._sessions.dialect, OutboxRow)
            .values(
                key=post.key,
                region=post.region,
                group_key=post.group,
                conversation_id=post.conversation_id,
                kind=post.kind,
                activity=post.activity,
                meeting_id=post.meeting_id,
                due_at=post.due_at,
                expires_at=post.expires_at,
                state=_PENDING,
                attempts=0,
                next_attempt_at=post.due_at,
                claimed_by="",
                lease_until=None,
                activity_id="",
                sent_at=None,
                last_error="",
                created_at=now,
                updated_at=now,
            )
            # The unique key decides, so two instances enqueueing at once store one row.
            .on_conflict_do_nothing(index_elements=["key"])
        )
        async with self._sessions.write() as session:
            result = await session.execute(stmt)
            return bool(getattr(result, "rowcount", 0))

    async def claim_due(
        self, now: datetime, worker_id: str, lease: timedelta, limit: int
    ) -> Sequence[ClaimedPost]:
        o = OutboxRow
        earlier = aliased(OutboxRow)
        # An earlier open post of the same conversation that cannot be claimed now (claimed
        # by a live worker, or waiting for its retry) holds back the later ones: order.
        blocked = exists().where(
            earlier.conversation_id == o.conversation_id,
            earlier.state.in_((_PENDING, _CLAIMED)),
            tuple_(earlier.due_at, earlier.id) < tuple_(o.due_at, o.id),
            not_(_claimable(earlier, now)),
        )
        query = (
            select(o).where(_claimable(o, now), not_(blocked)).order_by(o.due_at, o.id).limit(limit)
        )
        until = now + lease
        async with self._sessions.write() as session:
            if self._sessions.dialect == "postgresql":
                # SKIP LOCKED alone would let two instances split one conversation's queue
                # between them (each skipping the rows the other holds) and post it out of
                # order; claims are short, so they take turns, and see each other's leases.
                await session.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CLAIM_LOCK}
                )
                query = query.with_for_update(skip_locked=True, of=o)
            rows = list(await session.scalars(query))
            if not rows:
                return []
            await session.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_([row.id for row in rows]))
                .values(state=_CLAIMED, claimed_by=worker_id, lease_until=until, updated_at=now)
                .execution_options(synchronize_session=False)
            )
            return [ClaimedPost(post_of(row), row.attempts, until) for row in rows]

    async def extend_lease(self, worker_id: str, until: datetime) -> int:
        return await self._update(
            and_(OutboxRow.state == _CLAIMED, OutboxRow.claimed_by == worker_id),
            lease_until=until,
        )

    async def release(self, keys: Sequence[str], worker_id: str) -> None:
        if keys:
            await self._update(
                and_(
                    OutboxRow.key.in_(keys),
                    OutboxRow.state == _CLAIMED,
                    OutboxRow.claimed_by == worker_id,
                ),
                state=_PENDING,
                claimed_by="",
                lease_until=None,
            )

    async def release_claims_of(self, worker_id: str) -> int:
        return await self._update(
            and_(OutboxRow.state == _CLAIMED, OutboxRow.claimed_by == worker_id),
            state=_PENDING,
            claimed_by="",
            lease_until=None,
        )

    async def prune_finished(self, before: datetime) -> int:
        finished = (PostState.SENT.value, PostState.SKIPPED.value, PostState.DEAD.value)
        async with self._sessions.write() as session:
            result = await session.execute(
                delete(OutboxRow).where(
                    OutboxRow.state.in_(finished), OutboxRow.updated_at < before
                )
            )
            return int(getattr(result, "rowcount", 0) or 0)

    async def mark_sent(self, key: str, activity_id: str, at: datetime) -> None:
        # Unconditional on who holds it: once Teams has the message, it is sent.
        await self._update(
            OutboxRow.key == key,
            state=PostState.SENT.value,
            activity_id=activity_id,
            sent_at=at,
            lease_until=None,
            last_error="",
        )

    async def mark_retry(self, key: str, at: datetime, error: str, *, counts: bool = True) -> None:
        values: dict[str, Any] = {
            "state": _PENDING,
            "next_attempt_at": at,
            "claimed_by": "",
            "lease_until": None,
            "last_error": error[:2000],
        }
        if counts:
            values["attempts"] = OutboxRow.attempts + 1
        await self._update(and_(OutboxRow.key == key, OutboxRow.state == _CLAIMED), **values)

    async def mark_dead(self, key: str, error: str) -> None:
        await self._update(
            and_(OutboxRow.key == key, OutboxRow.state == _CLAIMED),
            state=PostState.DEAD.value,
            attempts=OutboxRow.attempts + 1,
            lease_until=None,
            last_error=error[:2000],
        )

    async def mark_waiting(self, key: str, reason: str) -> None:
        await self._update(
            and_(OutboxRow.key == key, OutboxRow.state.in_((_PENDING, _CLAIMED))),
            state=_WAITING,
            claimed_by="",
            lease_until=None,
            last_error=reason[:2000],
        )

    async def release_waiting_for(self, conversation_id: str, now: datetime) -> int:
        return await self._update(
            and_(OutboxRow.conversation_id == conversation_id, OutboxRow.state == _WAITING),
            state=_PENDING,
            next_attempt_at=now,
            updated_at=now,
        )

    async def waiting_conversations(self) -> Mapping[str, datetime]:
        async with self._sessions.read() as session:
            rows = await session.execute(
                select(OutboxRow.conversation_id, func.max(OutboxRow.updated_at))
                .where(OutboxRow.state == _WAITING)
                .group_by(OutboxRow.conversation_id)
            )
            return {conversation: since for conversation, since in rows.tuples()}

    async def skip_expired(self, now: datetime) -> Sequence[Post]:
        o = OutboxRow
        # Open posts past their expiry, except those a live worker is sending right now.
        stale = and_(
            o.expires_at.is_not(None),
            o.expires_at <= now,
            or_(
                o.state.in_((_PENDING, _WAITING)),
                and_(o.state == _CLAIMED, o.lease_until <= now),
            ),
        )
        async with self._sessions.write() as session:
            query = select(o).where(stale).order_by(o.due_at, o.id)
            if self._sessions.dialect == "postgresql":
                query = query.with_for_update(skip_locked=True)
            rows = list(await session.scalars(query))
            if rows:
                await session.execute(
                    update(o)
                    .where(o.id.in_([row.id for row in rows]))
                    .values(state=PostState.SKIPPED.value, lease_until=None, updated_at=now)
                    .execution_options(synchronize_session=False)
                )
            return [post_of(row) for row in rows]

    async def delivered_at(self, meeting_id: int, kind: str) -> Mapping[str, datetime | None]:
        async with self._sessions.read() as session:
            rows = await session.execute(
                select(OutboxRow.conversation_id, OutboxRow.sent_at)
                .where(OutboxRow.meeting_id == meeting_id, OutboxRow.kind == kind)
                .order_by(OutboxRow.id)
            )
            return {conversation: sent for conversation, sent in rows.tuples()}

    async def get(self, key: str) -> OutboxEntry | None:
        async with self._sessions.read() as session:
            row = await session.scalar(select(OutboxRow).where(OutboxRow.key == key))
            return entry_of(row) if row else None

    async def list(
        self,
        state: PostState | None = None,
        region: str | None = None,
        conversation_id: str | None = None,
        limit: int = 200,
    ) -> Sequence[OutboxEntry]:
        query = select(OutboxRow)
        if state is not None:
            query = query.where(OutboxRow.state == state.value)
        if region is not None:
            query = query.where(OutboxRow.region == region)
        if conversation_id is not None:
            query = query.where(OutboxRow.conversation_id == conversation_id)
        query = query.order_by(OutboxRow.due_at.desc(), OutboxRow.id.desc()).limit(limit)
        async with self._sessions.read() as session:
            return [entry_of(row) for row in await session.scalars(query)]

    async def entries_with_prefix(self, prefix: str) -> Sequence[OutboxEntry]:
        """Every post whose key starts with `prefix` (an announcement's), oldest first."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = (
            select(OutboxRow)
            .where(OutboxRow.key.like(escaped + "%", escape="\\"))
            .order_by(OutboxRow.id)
        )
        async with self._sessions.read() as session:
            return [entry_of(row) for row in await session.scalars(query)]

    async def revise(
        self, key: str, activity: dict[str, Any], due_at: datetime | None = None
    ) -> bool:
        """New content (and time) for a post not yet sent; False when it is past that."""
        values: dict[str, Any] = {"activity": activity}
        if due_at is not None:
            values.update(due_at=due_at, next_attempt_at=due_at)
        # Only pending and waiting posts: a claimed one is being sent with its old content.
        open_now = OutboxRow.state.in_((_PENDING, _WAITING))
        return bool(await self._update(and_(OutboxRow.key == key, open_now), **values))

    async def cancel(self, key: str) -> bool:
        """Skip a post that has not gone out (a deleted announcement); False when it has."""
        open_now = OutboxRow.state.in_((_PENDING, _WAITING))
        return bool(
            await self._update(
                and_(OutboxRow.key == key, open_now),
                state=PostState.SKIPPED.value,
                last_error="inställt av kansliet",
            )
        )

    async def _update(self, where: ColumnElement[bool], **values: Any) -> int:
        values.setdefault("updated_at", self._sessions.now())
        async with self._sessions.write() as session:
            result = await session.execute(
                update(OutboxRow)
                .where(where)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            return int(getattr(result, "rowcount", 0) or 0)
