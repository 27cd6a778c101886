"""What is due when: every post the bot plans for one meeting, on Swedish working days.

Days are counted in calendar days from the meeting's local date (Europe/Stockholm), and a
post goes out at the rules' send time (08.00). A day that is not a working day moves:

- a post BEFORE the meeting (notice, agenda check, reminder) to the previous working day,
  because a notice that comes late is the failure the office's survey asks about;
- a post AFTER the meeting (minutes, approval, chair reminder) to the next working day,
  because moving it back could put "send the minutes" before the meeting itself.

Non-working days: Saturdays, Sundays, the Swedish public holidays of the `holidays` package
(its default, public category), and also midsummer eve, christmas eve and new year's eve.
Those three are not public holidays in law, and newer `holidays` versions list them only in
other categories, but offices are closed and nobody reads a notice then, so they are added
here by date instead of trusting a category. Half days (trettondagsafton, skärtorsdagen,
valborg, the day before ascension) and "klämdagar" count as working days.

Pure: no clock, no I/O. The worker asks `due_posts` for a meeting, sends what `is_due` says
at its own `now`, and drops what has expired. Each post carries a `condition` checked against
the meeting as stored at sending time: an agenda reminder is moot once the link is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays

from bot.domain.delivery_rules import DeliveryRules, GroupRules, PostKind
from bot.domain.model import Group, Meeting
from bot.domain.outbox import Post

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# A chaser more than a month after it was due is noise; the office follows up by hand.
CHASER_LIFETIME = timedelta(days=30)
# "Protokoll publicerat" is news for a quarter; a link registered later goes unannounced.
PUBLISHED_LIFETIME = timedelta(days=90)


class Target(StrEnum):
    """Who a post is for; the worker resolves it to a conversation."""

    GROUP = "grupp"  # the group's bound channel
    OFFICE = "kansli"  # the region's office users
    SECRETARY = "sekreterare"  # the group's secretary in the roster (else the office)
    CHAIR = "ordforande"  # the group's chair in the roster
    APPROVERS = "justerare"  # the roles `Approval.approvers` names


class Condition(StrEnum):
    """What must still hold when the post is sent."""

    ALWAYS = "alltid"
    AGENDA_MISSING = "dagordning-saknas"
    MINUTES_MISSING = "protokoll-saknas"
    MINUTES_REGISTERED = "protokoll-registrerat"


@dataclass(frozen=True, slots=True)
class PlannedPost:
    kind: PostKind
    target: Target
    due_at: datetime  # aware, in the schedule's time zone
    expires_at: datetime  # from then on the post is useless: drop it unsent
    condition: Condition = Condition.ALWAYS
    deadline: date | None = None  # approval: the last day to approve

    def key(self, meeting: Meeting) -> str:
        """Stable id of this post for this meeting, for the outbox's "sent once" check.

        It holds the meeting's start, so a meeting moved to another time gets a new notice.
        """
        ident = meeting.uid or str(meeting.id)
        start = meeting.start.astimezone(UTC).strftime("%Y%m%dT%H%MZ")
        return f"{self.kind.value}:{meeting.region}:{meeting.group}:{ident}:{start}"

    def still_needed(self, meeting: Meeting) -> bool:
        if self.condition is Condition.AGENDA_MISSING:
            return not meeting.agenda_url
        if self.condition is Condition.MINUTES_MISSING:
            return not meeting.minutes_url
        if self.condition is Condition.MINUTES_REGISTERED:
            return bool(meeting.minutes_url)
        return True


@lru_cache(maxsize=32)
def non_working_days(year: int) -> frozenset[date]:
    """Public holidays plus midsummer eve, christmas eve and new year's eve (weekends apart)."""
    days = set(holidays.country_holidays("SE", years=year))
    # Midsummer eve is the Friday between 19 and 25 June.
    midsummer_eve = next(date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4)
    days.update({midsummer_eve, date(year, 12, 24), date(year, 12, 31)})
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in non_working_days(day.year)


def previous_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the closest working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the closest working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_day_before(day: date) -> date:
    """The last working day strictly before `day` (the reminder's day)."""
    return previous_working_day(day - timedelta(days=1))


def _at(day: date, send_time: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, send_time, tzinfo=tz)


def due_posts(
    meeting: Meeting,
    group: Group,
    rules: DeliveryRules | GroupRules,
    tz: ZoneInfo = STOCKHOLM,
) -> list[PlannedPost]:
    """Every post planned for `meeting`, earliest first, leaving out those whose condition
    the meeting already settles (no agenda reminder when the agenda link is there)."""
    r = rules.for_group(group) if isinstance(rules, DeliveryRules) else rules
    start = meeting.start.astimezone(tz)
    end = (meeting.end or meeting.start).astimezone(tz)
    day, after = start.date(), end.date()
    posts: list[PlannedPost] = []

    def before(days: int) -> datetime:
        return _at(previous_working_day(day - timedelta(days=days)), r.send_time, tz)

    def later(days: int) -> datetime:
        return _at(next_working_day(after + timedelta(days=days)), r.send_time, tz)

    if r.notice_days_before is not None:
        # A notice is useless once the meeting has started.
        due = before(r.notice_days_before)
        posts.append(PlannedPost(PostKind.NOTICE, Target.GROUP, due, start))
    if r.agenda_days_before is not None:
        due = before(r.agenda_days_before)
        posts.append(
            PlannedPost(
                PostKind.AGENDA_MISSING, Target.OFFICE, due, start, Condition.AGENDA_MISSING
            )
        )
    if r.reminder_days_before is not None:
        # A reminder still helps during the meeting (a late joiner), not after it.
        due = before(r.reminder_days_before)
        posts.append(PlannedPost(PostKind.REMINDER, Target.GROUP, due, end))
    missing = Condition.MINUTES_MISSING
    if r.minutes_request_days_after is not None:
        due = later(r.minutes_request_days_after)
        posts.append(
            PlannedPost(
                PostKind.MINUTES_REQUEST, Target.SECRETARY, due, due + CHASER_LIFETIME, missing
            )
        )
    if r.approval is not None:
        approval_day = next_working_day(after + timedelta(days=r.approval.days_after))
        deadline = next_working_day(approval_day + timedelta(days=r.approval.deadline_days))
        # Approving is over at the end of the deadline day.
        over = _at(deadline + timedelta(days=1), time(0, 0), tz)
        due = _at(approval_day, r.send_time, tz)
        posts.append(PlannedPost(PostKind.APPROVAL, Target.APPROVERS, due, over, missing, deadline))
        if r.approval.reminder_days_before is not None:
            remind = previous_working_day(
                deadline - timedelta(days=r.approval.reminder_days_before)
            )
            if remind > approval_day:
                due = _at(remind, r.send_time, tz)
                posts.append(
                    PlannedPost(
                        PostKind.APPROVAL_REMINDER, Target.APPROVERS, due, over, missing, deadline
                    )
                )
    if r.chair_reminder_days_after is not None and r.chair_rule is not None:
        due = later(r.chair_reminder_days_after)
        posts.append(
            PlannedPost(PostKind.CHAIR_REMINDER, Target.CHAIR, due, due + CHASER_LIFETIME, missing)
        )
    if r.published:
        # Sent as soon as the link is registered: due at the meeting's end, so a worker
        # that finds the link sends it on its next round without a time of its own.
        posts.append(
            PlannedPost(
                PostKind.MINUTES_PUBLISHED,
                Target.GROUP,
                end,
                start + PUBLISHED_LIFETIME,
                Condition.MINUTES_REGISTERED,
            )
        )
    planned = [p for p in posts if p.still_needed(meeting)]
    return sorted(planned, key=lambda p: p.due_at)


def is_due(post: PlannedPost, meeting: Meeting, now: datetime) -> bool:
    """Send now: due, not expired, and its condition still holds for the stored meeting."""
    return post.due_at <= now < post.expires_at and post.still_needed(meeting)


def to_post(
    post: PlannedPost, meeting: Meeting, conversation_id: str, activity: dict[str, Any]
) -> Post:
    """The outbox entry for a planned post to one conversation (times in UTC).

    `kind` is the PostKind value ("kallelse", …), which is what the notice report asks the
    outbox's `delivered_at(meeting_id, kind)` for.
    """
    return Post(
        key=f"{post.key(meeting)}:{conversation_id}",
        region=meeting.region,
        group=meeting.group,
        conversation_id=conversation_id,
        due_at=post.due_at.astimezone(UTC),
        kind=post.kind.value,
        activity=activity,
        meeting_id=meeting.id,
        expires_at=post.expires_at.astimezone(UTC),
    )
