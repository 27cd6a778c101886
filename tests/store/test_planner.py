"""The planner puts what is due into the outbox, once, addressed to the right channels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.calendar_feed import calendar_path
from bot.domain.delivery_rules import DeliveryRules, load_delivery_rules
from bot.domain.loader import load_governance
from bot.domain.model import Governance, Meeting
from bot.domain.ports import ChannelBinding, ConversationKind, StoredConversation
from bot.store.database import Database
from bot.store.seed import seed_governance
from dialogs.notices.planning import Planner
from dialogs.office import OfficeDirectory

DATA = Path(__file__).parents[2] / "data"
TZ = ZoneInfo("Europe/Stockholm")
SA = "sodra-alvsborg"


@cache
def governance() -> Governance:
    return load_governance(DATA)


@cache
def rules() -> DeliveryRules:
    return load_delivery_rules(DATA, governance())


async def _bind(db: Database, conversation_id: str, group: str) -> None:
    await db.conversations.save(
        StoredConversation(
            conversation_id,
            ConversationKind.CHANNEL,
            "http://svc/",
            "t",
            {"conversation": {"id": conversation_id}},
        )
    )
    await db.conversations.bind(ChannelBinding(conversation_id, SA, group, "test"))


async def _planner(db: Database) -> Planner:
    await seed_governance(db, governance())
    return Planner(
        governance(),
        rules(),
        db.meetings,
        db.conversations,
        db.roster,
        db.outbox,
        db.pauses,
        OfficeDirectory(governance(), db.conversations, db.roster, frozenset(), SA),
        TZ,
        lambda group: f"https://bot.exempel.invalid{calendar_path(group)}",
    )


async def test_notice_is_planned_once_for_each_bound_channel(db: Database) -> None:
    planner = await _planner(db)
    await _bind(db, "19:styrgrupp", "styrgrupp")
    await _bind(db, "19:kansli", "kansli")
    # Tuesday 2027-01-19 13:00: the notice is due Tuesday 2027-01-12 08:00.
    start = datetime(2027, 1, 19, 13, 0, tzinfo=TZ)
    meeting = await db.meetings.save(
        Meeting(
            None,
            SA,
            "styrgrupp",
            start,
            start + timedelta(hours=2),
            "Borås",
            agenda_url="https://exempel.invalid/agenda",
            uid="m1",
        )
    )
    due = datetime(2027, 1, 12, 8, 0, tzinfo=TZ)
    assert (await planner.plan(due - timedelta(hours=1))).enqueued == 0
    first = await planner.plan(due)
    assert first.enqueued == 1
    again = await planner.plan(due + timedelta(minutes=1))
    assert again.enqueued == 0  # the same post is never put in twice
    (entry,) = await db.outbox.list(conversation_id="19:styrgrupp")
    assert entry.post.kind == "kallelse"
    assert entry.post.meeting_id == meeting.id
    assert entry.post.due_at == due.astimezone(UTC)
    card_text = str(entry.post.activity)
    assert "tisdag 19 januari" in card_text
    assert "https://bot.exempel.invalid/calendar/sodra-alvsborg/styrgrupp.ics" in card_text


async def test_missing_agenda_is_told_to_the_office(db: Database) -> None:
    planner = await _planner(db)
    await _bind(db, "19:styrgrupp", "styrgrupp")
    await _bind(db, "19:kansli", "kansli")
    start = datetime(2027, 1, 19, 13, 0, tzinfo=TZ)
    await db.meetings.save(Meeting(None, SA, "styrgrupp", start, uid="m2"))
    # The agenda check comes 8 days before the meeting, at 08:00 on a working day.
    for hours in range(0, 24 * 10, 4):
        await planner.plan(start - timedelta(days=10) + timedelta(hours=hours))
    office = await db.outbox.list(conversation_id="19:kansli")
    assert [e.post.kind for e in office] == ["dagordning-saknas"]


async def test_nothing_is_planned_without_a_bound_channel(db: Database) -> None:
    planner = await _planner(db)
    start = datetime(2027, 1, 19, 13, 0, tzinfo=TZ)
    await db.meetings.save(Meeting(None, SA, "dps", start, uid="m3"))
    report = await planner.plan(datetime(2027, 1, 12, 8, 0, tzinfo=TZ))
    assert report.enqueued == 0 and report.unaddressed >= 1
