"""`python -m bot report kallelser FRÅN TILL`: did the notices go out a week ahead?

Prints, per group, the meetings in the period, how many had their notice out at least seven
days ahead, and the share: what the office's survey asks members ("Har kallelsen kommit i
tid, minst en vecka innan?"), from the outbox's own record instead. When a notice was sent
is asked of `sent_at` (the outbox's `delivered_at(meeting_id, kind)`), so this module does
not depend on how the outbox stores it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import date, datetime, time, timedelta

from bot.domain.delivery_rules import DeliveryRules, PostKind, load_delivery_rules
from bot.domain.loader import DataError, load_governance
from bot.domain.model import Governance, Meeting
from bot.domain.notice_report import DAYS_AHEAD, notice_report, percent, total
from bot.settings import Settings
from bot.store.database import Database
from bot.store.migrate import upgrade_async

# (meeting id, post kind) -> when it was sent: one time, or one per conversation it went to.
SentAt = Callable[[int, str], Awaitable[Mapping[str, datetime | None] | datetime | None]]


def _earliest(value: Mapping[str, datetime | None] | datetime | None) -> datetime | None:
    """The notice counts as out when it first reached one of the group's conversations."""
    if value is None or isinstance(value, datetime):
        return value
    times = [t for t in value.values() if t is not None]
    return min(times) if times else None


def _noticed(governance: Governance, rules: DeliveryRules | None, meeting: Meeting) -> bool:
    """Only groups the bot sends notices for are measured (not the office's own meetings)."""
    group = governance.group(meeting.region, meeting.group)
    if group is None:
        return False
    return rules is None or rules.for_group(group).notice_days_before is not None


async def kallelse_report(
    settings: Settings,
    start: date,
    end: date,
    sent_at: SentAt | None,
    *,
    now: datetime,
    kind: str = PostKind.NOTICE.value,
) -> int:
    """Print the table for meetings from `start` through `end` (local dates, both included)
    that have begun by `now`; a meeting still ahead may not have had its notice yet.
    Returns the exit code: 1 when there is no delivery record to ask."""
    tz = settings.timezone
    try:
        governance = load_governance(settings.data_dir)
    except DataError as error:
        print(error)
        return 1
    try:
        rules: DeliveryRules | None = load_delivery_rules(settings.data_dir, governance)
    except DataError as error:
        print(f"Utskicksreglerna går inte att läsa, alla gruppers möten räknas:\n{error}")
        rules = None
    if sent_at is None:
        print("Det finns ingen utskickslogg att fråga än, så kallelserna kan inte räknas.")
        return 1
    if end < start:
        print(f"Perioden är tom: {start.isoformat()} är efter {end.isoformat()}.")
        return 1
    await upgrade_async(settings.database_url)
    db = await Database.connect(settings.database_url)
    try:
        found = await db.meetings.between(
            datetime.combine(start, time(0), tzinfo=tz),
            datetime.combine(end + timedelta(days=1), time(0), tzinfo=tz),
        )
    finally:
        await db.dispose()
    meetings = [m for m in found if m.start <= now and _noticed(governance, rules, m) and m.id]
    times = {m.id: _earliest(await sent_at(m.id, kind)) for m in meetings if m.id is not None}
    rows = notice_report(meetings, times, tz)
    print(
        f"Kallelser i tid (minst {DAYS_AHEAD} dagar före mötet), "
        f"{start.isoformat()}–{end.isoformat()}"
    )
    if not rows:
        print("Inga möten under perioden.")
        return 0
    table = [("Grupp", "Möten", "I tid", "Andel")]
    for row in rows:
        group = governance.group(row.region, row.group)
        data = governance.region(row.region)
        name = group.label if group else row.group
        table.append(
            (
                f"{name} ({data.region.name if data else row.region})",
                str(row.meetings),
                str(row.in_time),
                percent(row.share),
            )
        )
    whole = total(rows)
    table.append(("Totalt", str(whole.meetings), str(whole.in_time), percent(whole.share)))
    width = max(len(r[0]) for r in table)
    for i, (label, count, ok, share) in enumerate(table):
        if i == len(table) - 1:
            print("-" * (width + 24))
        print(f"{label:<{width}}  {count:>5}  {ok:>5}  {share:>6}")
        if i == 0:
            print("-" * (width + 24))
    if whole.late or whole.not_sent:
        print(f"\nSena: {whole.late}. Inte skickade: {whole.not_sent}.")
    return 0
