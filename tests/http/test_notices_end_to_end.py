"""A group's channel gets its meeting notice without anyone sending it: bound over Teams,
planned from the calendar and the rules, delivered through the Bot Connector."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.dates import SV_DAYS, SV_MONTHS
from bot.domain.delivery_rules import PostKind
from bot.domain.model import Meeting
from bot.domain.schedule import due_posts
from dialogs.notices.delivery import DeliveryWorker
from tests.http.conftest import OFFICE_EMAIL, BotUnderTest, delivery_worker, governance

TZ = ZoneInfo("Europe/Stockholm")
CHANNEL = "19:styrgruppen@thread.tacv2"


def _channel_message(bot: BotUnderTest, text: str) -> dict[str, Any]:
    return bot.message(
        f"<at>Samverkansboten</at> {text}",
        conversation=CHANNEL,
        conversation_type="channel",
        user="29:office",
        aad="aad-office",
        entities=[
            {
                "type": "mention",
                "text": "<at>Samverkansboten</at>",
                "mentioned": {"id": "28:bot-id", "name": "Samverkansboten"},
            }
        ],
        channel_data={
            "tenant": {"id": "11111111-2222-3333-4444-555555555555"},
            "team": {"id": "19:team@thread.tacv2", "name": "Närvårdssamverkan"},
            "channel": {"id": CHANNEL, "name": "Styrgruppen"},
        },
    )


def _worker(bot: BotUnderTest, name: str, attempts: int) -> DeliveryWorker:
    return delivery_worker(bot, name, attempts=attempts)


def _tuesday_a_month_ahead(bot: BotUnderTest) -> datetime:
    """A Tuesday at 13.00, four to five weeks after the test's today."""
    day = bot.clock.now().astimezone(TZ).date() + timedelta(days=28)
    day += timedelta(days=(1 - day.weekday()) % 7)
    return datetime(day.year, day.month, day.day, 13, 0, tzinfo=TZ)


def _notice_due(bot: BotUnderTest, meeting: Meeting) -> datetime:
    group = governance().group("sodra-alvsborg", "styrgrupp")
    assert group is not None
    rules = bot.features.planner.rules
    (notice,) = [p for p in due_posts(meeting, group, rules, TZ) if p.kind is PostKind.NOTICE]
    return notice.due_at


async def test_bound_channel_gets_the_notice_a_week_ahead(bot: BotUnderTest) -> None:
    bot.stub.add_member(
        CHANNEL,
        {
            "id": "29:office",
            "name": "Kim",
            "aadObjectId": "aad-office",
            "email": OFFICE_EMAIL,
            "userPrincipalName": OFFICE_EMAIL,
        },
    )
    await bot.post(_channel_message(bot, "koppla kanalen till styrgruppen"))
    runtime = bot.runtime
    start = _tuesday_a_month_ahead(bot)
    meeting = await runtime.db.meetings.save(
        Meeting(
            None,
            "sodra-alvsborg",
            "styrgrupp",
            start,
            start + timedelta(hours=3),
            "Sammanträdesrum Exempel",
            agenda_url="https://exempel.invalid/dagordning",
            uid="e2e-1",
        )
    )
    planner = bot.features.planner
    worker = _worker(bot, "e2e", attempts=2)
    before = len(bot.stub.sent(CHANNEL))
    due = _notice_due(bot, meeting)  # a week ahead at 08.00, or the working day before
    assert start - timedelta(days=10) < due <= start - timedelta(days=7)
    bot.clock.set(due - timedelta(days=1))
    await planner.plan(bot.clock.now())
    await worker.run_once(bot.clock.now())
    assert len(bot.stub.sent(CHANNEL)) == before  # nothing early

    bot.clock.set(due)
    await planner.plan(bot.clock.now())
    await worker.run_once(bot.clock.now())
    bot.clock.advance(timedelta(minutes=1))
    await planner.plan(bot.clock.now())  # a second round changes nothing
    await worker.run_once(bot.clock.now())
    notices = bot.stub.sent(CHANNEL)[before:]
    assert len(notices) == 1
    text = str(notices[0])
    assert f"{SV_DAYS[start.weekday()]} {start.day} {SV_MONTHS[start.month - 1]}" in text
    assert "https://exempel.invalid/dagordning" in text
    (entry,) = await runtime.db.outbox.list(conversation_id=CHANNEL)
    assert entry.sent_at is not None


async def test_a_channel_teams_no_longer_reaches_is_shown_broken(bot: BotUnderTest) -> None:
    bot.stub.add_member(
        CHANNEL,
        {
            "id": "29:office",
            "name": "Kim",
            "aadObjectId": "aad-office",
            "email": OFFICE_EMAIL,
            "userPrincipalName": OFFICE_EMAIL,
        },
    )
    await bot.post(_channel_message(bot, "koppla kanalen till styrgruppen"))
    runtime = bot.runtime
    start = _tuesday_a_month_ahead(bot)
    meeting = await runtime.db.meetings.save(
        Meeting(None, "sodra-alvsborg", "styrgrupp", start, agenda_url="https://a", uid="e2e-2")
    )
    worker = _worker(bot, "e2e-broken", attempts=1)
    bot.clock.set(_notice_due(bot, meeting))
    await bot.features.planner.plan(bot.clock.now())
    bot.stub.fail_next(403, times=5, conversation_id=CHANNEL, operations={"send"})
    await worker.run_once(bot.clock.now())
    await bot.post(_channel_message(bot, "visa kopplingar"))
    listing = str(bot.stub.sent(CHANNEL)[-1])
    assert "TRASIG" in listing
