"""Handle each incoming activity once (implements `bot.domain.ports.ActivityLog`).

Teams redelivers an activity when the bot answers slowly, and with several instances the
retry may land on another one; the database row is the only shared memory they have.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete

from bot.store.dialect import insert
from bot.store.engine import Sessions
from bot.store.tables import CONVERSATION_ID, ProcessedActivityRow


class SqlActivityLog:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def first_delivery(self, activity_key: str) -> bool:
        """True for the first call with this key, False for every later one, on any instance.

        INSERT … ON CONFLICT DO NOTHING is atomic in both databases: of concurrent
        inserts exactly one reports a row, the others wait for it and report none.
        """
        key = activity_key
        if len(key) > CONVERSATION_ID:
            # Hash rather than truncate: two long keys may share a prefix.
            key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
        stmt = (
            insert(self._sessions.dialect, ProcessedActivityRow)
            .values(key=key, seen_at=datetime.now(UTC))
            .on_conflict_do_nothing(index_elements=["key"])
        )
        async with self._sessions.write() as session:
            result = await session.execute(stmt)
            return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def prune(self, older_than: datetime | timedelta) -> int:
        """Forget activities seen before a moment (or longer ago than a duration)."""
        cutoff = datetime.now(UTC) - older_than if isinstance(older_than, timedelta) else older_than
        async with self._sessions.write() as session:
            result = await session.execute(
                delete(ProcessedActivityRow).where(ProcessedActivityRow.seen_at < cutoff)
            )
            return int(result.rowcount)  # type: ignore[attr-defined]
