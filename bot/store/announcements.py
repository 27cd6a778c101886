"""Office announcements and paused groups, in SQL (implement `AnnouncementStore` and
`PauseStore` of `bot.domain.ports`).

An announcement's deliveries are outbox posts (see `bot.domain.announcements.post_key`);
this store keeps only what the office wrote, for editing and the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select

from bot.domain.announcements import Announcement
from bot.store.dialect import insert
from bot.store.engine import Sessions
from bot.store.tables import AnnouncementRow, GroupPauseRow


def _of(row: AnnouncementRow) -> Announcement:
    return Announcement(
        id=row.id,
        draft=row.draft,
        region=row.region,
        author=row.author,
        title=row.title,
        text=row.text,
        link=row.link,
        targets=tuple(row.targets),
        send_at=row.send_at,
        created_at=row.created_at,
        deleted_at=row.deleted_at,
    )


class SqlAnnouncementStore:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def add(self, announcement: Announcement) -> tuple[Announcement, bool]:
        """Store a new announcement; (the stored one, False) when its draft is known."""
        now = self._sessions.now()
        stmt = (
            insert(self._sessions.dialect, AnnouncementRow)
            .values(
                draft=announcement.draft,
                region=announcement.region,
                author=announcement.author,
                title=announcement.title,
                text=announcement.text,
                link=announcement.link,
                targets=list(announcement.targets),
                send_at=announcement.send_at,
                created_at=now,
                updated_at=now,
                deleted_at=None,
            )
            # Two presses on "Skicka" at once store one row: the unique draft decides.
            .on_conflict_do_nothing(index_elements=["draft"])
        )
        async with self._sessions.write() as session:
            result = await session.execute(stmt)
            new = bool(getattr(result, "rowcount", 0))
            row = await session.scalar(
                select(AnnouncementRow).where(AnnouncementRow.draft == announcement.draft)
            )
            assert row is not None
            return _of(row), new

    async def get(self, announcement_id: int) -> Announcement | None:
        async with self._sessions.read() as session:
            row = await session.get(AnnouncementRow, announcement_id)
            return _of(row) if row else None

    async def update(self, announcement: Announcement) -> Announcement | None:
        """Write the office's edits (title, text, link, targets, time); None when gone."""
        assert announcement.id is not None
        async with self._sessions.write() as session:
            row = await session.get(AnnouncementRow, announcement.id)
            if row is None or row.deleted_at is not None:
                return None
            row.title = announcement.title
            row.text = announcement.text
            row.link = announcement.link
            row.targets = list(announcement.targets)
            row.send_at = announcement.send_at
            row.updated_at = self._sessions.now()
            await session.flush()
            return _of(row)

    async def mark_deleted(self, announcement_id: int, at: datetime) -> bool:
        async with self._sessions.write() as session:
            row = await session.get(AnnouncementRow, announcement_id)
            if row is None or row.deleted_at is not None:
                return False
            row.deleted_at = at
            row.updated_at = at
            return True

    async def recent(self, limit: int = 10) -> Sequence[Announcement]:
        async with self._sessions.read() as session:
            rows = await session.scalars(
                select(AnnouncementRow)
                .where(AnnouncementRow.deleted_at.is_(None))
                .order_by(AnnouncementRow.id.desc())
                .limit(limit)
            )
            return [_of(row) for row in rows]


class SqlPauseStore:
    """Groups the planner skips; read once per planning round."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def pause(self, region: str, group: str, by: str) -> bool:
        """True when the group was not paused before."""
        stmt = (
            insert(self._sessions.dialect, GroupPauseRow)
            .values(region=region, group_key=group, paused_by=by, paused_at=self._sessions.now())
            .on_conflict_do_nothing(index_elements=["region", "group_key"])
        )
        async with self._sessions.write() as session:
            result = await session.execute(stmt)
            return bool(getattr(result, "rowcount", 0))

    async def resume(self, region: str, group: str) -> bool:
        """True when the group was paused."""
        async with self._sessions.write() as session:
            result = await session.execute(
                delete(GroupPauseRow).where(
                    GroupPauseRow.region == region, GroupPauseRow.group_key == group
                )
            )
            return bool(getattr(result, "rowcount", 0))

    async def paused(self) -> frozenset[tuple[str, str]]:
        async with self._sessions.read() as session:
            rows = await session.execute(select(GroupPauseRow.region, GroupPauseRow.group_key))
            return frozenset((region, group) for region, group in rows.tuples())
