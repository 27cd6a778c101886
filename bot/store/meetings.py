"""Meetings of a group (implements `bot.domain.ports.MeetingStore`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, true

from bot.domain.model import Meeting
from bot.store.engine import Sessions
from bot.store.tables import MeetingRow


def meeting_of(row: MeetingRow) -> Meeting:
    return Meeting(
        id=row.id,
        region=row.region,
        group=row.group_key,
        start=row.starts_at,
        end=row.ends_at,
        location=row.location,
        title=row.title,
        agenda_url=row.agenda_url,
        teams_url=row.teams_url,
        minutes_url=row.minutes_url,
        uid=row.uid,
        all_day=row.all_day,
    )


def apply(row: MeetingRow, meeting: Meeting) -> bool:
    """Copy the meeting's fields onto the row; True when anything changed."""
    values = {
        "starts_at": meeting.start,
        "ends_at": meeting.end,
        "location": meeting.location,
        "title": meeting.title,
        "agenda_url": meeting.agenda_url,
        "teams_url": meeting.teams_url,
        "minutes_url": meeting.minutes_url,
        "all_day": meeting.all_day,
    }
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


class SqlMeetingStore:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def upcoming(
        self,
        region: str,
        group: str,
        after: datetime,
        limit: int = 5,
        *,
        with_all_day: bool = False,
    ) -> Sequence[Meeting]:
        """Meetings starting at or after `after` (aware), earliest first; all-day events
        only when asked for (the calendar feed)."""
        async with self._sessions.read() as session:
            rows = await session.scalars(
                select(MeetingRow)
                .where(
                    MeetingRow.region == region,
                    MeetingRow.group_key == group,
                    MeetingRow.starts_at >= after,
                    true() if with_all_day else MeetingRow.all_day.is_(False),
                )
                .order_by(MeetingRow.starts_at, MeetingRow.id)
                .limit(limit)
            )
            return [meeting_of(row) for row in rows]

    async def between(self, start: datetime, end: datetime) -> Sequence[Meeting]:
        """All groups' meetings (not all-day events) with start in [start, end): for
        notices, reminders and the notice figures."""
        async with self._sessions.read() as session:
            rows = await session.scalars(
                select(MeetingRow)
                .where(
                    MeetingRow.starts_at >= start,
                    MeetingRow.starts_at < end,
                    MeetingRow.all_day.is_(False),
                )
                .order_by(MeetingRow.starts_at, MeetingRow.id)
            )
            return [meeting_of(row) for row in rows]

    async def get(self, meeting_id: int) -> Meeting | None:
        async with self._sessions.read() as session:
            row = await session.get(MeetingRow, meeting_id)
            return meeting_of(row) if row else None

    async def save(self, meeting: Meeting) -> Meeting:
        """Insert, or update the meeting with the same region, group and uid."""
        if not meeting.uid:
            raise ValueError("a stored meeting needs a uid (iCalendar UID or a row hash)")
        async with self._sessions.write() as session:
            row = await session.scalar(
                select(MeetingRow).where(
                    MeetingRow.region == meeting.region,
                    MeetingRow.group_key == meeting.group,
                    MeetingRow.uid == meeting.uid,
                )
            )
            if row is None:
                row = MeetingRow(region=meeting.region, group_key=meeting.group, uid=meeting.uid)
                session.add(row)
            apply(row, meeting)
            await session.flush()
            return meeting_of(row)

    async def set_minutes_url(self, meeting_id: int, url: str) -> bool:
        async with self._sessions.write() as session:
            row = await session.get(MeetingRow, meeting_id)
            if row is None:
                return False
            row.minutes_url = url
            return True

    async def set_agenda_url(self, meeting_id: int, url: str) -> bool:
        async with self._sessions.write() as session:
            row = await session.get(MeetingRow, meeting_id)
            if row is None:
                return False
            row.agenda_url = url
            return True

    async def latest_before(self, region: str, group: str, before: datetime) -> Meeting | None:
        """The group's most recent meeting (not an all-day event) started before `before`."""
        async with self._sessions.read() as session:
            row = await session.scalar(
                select(MeetingRow)
                .where(
                    MeetingRow.region == region,
                    MeetingRow.group_key == group,
                    MeetingRow.starts_at < before,
                    MeetingRow.all_day.is_(False),
                )
                .order_by(MeetingRow.starts_at.desc(), MeetingRow.id.desc())
                .limit(1)
            )
            return meeting_of(row) if row else None
