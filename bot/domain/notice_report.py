"""Did the notice come in time? Per group, the share of meetings whose notice went out at
least a week ahead: the figure behind the office's survey question "Har kallelsen kommit i
tid, minst en vecka innan?" (sa-narvardssamverkan#mal), measured instead of asked.

"A week ahead" is counted in local calendar days, the way a member reads the calendar: a
notice sent on Tuesday 5 January counts for a meeting on Tuesday 12 January whatever the
clock times, so the scheduler's 08.00 notice is in time even for a meeting at 07.30.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.model import Meeting
from bot.domain.schedule import STOCKHOLM

DAYS_AHEAD = 7


@dataclass(frozen=True, slots=True)
class GroupNotices:
    region: str
    group: str  # Group.key; "" for the total
    meetings: int
    in_time: int
    late: int  # sent, but less than a week ahead
    not_sent: int

    @property
    def share(self) -> float | None:
        """In time / meetings; None without meetings (no figure rather than 0 %)."""
        return self.in_time / self.meetings if self.meetings else None


def in_time(
    start: datetime, sent_at: datetime, tz: ZoneInfo = STOCKHOLM, days: int = DAYS_AHEAD
) -> bool:
    latest = start.astimezone(tz).date() - timedelta(days=days)
    return sent_at.astimezone(tz).date() <= latest


def notice_report(
    meetings: Iterable[Meeting],
    sent_at: Mapping[int, datetime | None],
    tz: ZoneInfo = STOCKHOLM,
    days: int = DAYS_AHEAD,
) -> list[GroupNotices]:
    """One row per (region, group) with meetings, sorted; a meeting missing from `sent_at`
    (or without an id) counts as not sent."""
    counts: dict[tuple[str, str], list[int]] = {}
    for meeting in meetings:
        row = counts.setdefault((meeting.region, meeting.group), [0, 0, 0, 0])
        row[0] += 1
        sent = sent_at.get(meeting.id) if meeting.id is not None else None
        if sent is None:
            row[3] += 1
        elif in_time(meeting.start, sent, tz, days):
            row[1] += 1
        else:
            row[2] += 1
    return [GroupNotices(region, group, *row) for (region, group), row in sorted(counts.items())]


def total(rows: Iterable[GroupNotices]) -> GroupNotices:
    sums = [0, 0, 0, 0]
    for row in rows:
        for i, value in enumerate((row.meetings, row.in_time, row.late, row.not_sent)):
            sums[i] += value
    return GroupNotices("", "", *sums)


def percent(share: float | None) -> str:
    """'75 %' the Swedish way (a space before the sign), '–' when there is no figure."""
    return "–" if share is None else f"{round(share * 100)} %"
