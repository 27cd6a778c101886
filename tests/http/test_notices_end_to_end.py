"""A group's channel gets its meeting notice without anyone sending it: bound over Teams,
planned from the calendar and the rules, delivered through the Bot Connector."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.model import Meeting
from bot.scheduler import DeliveryConfig, DeliveryWorker
from bot.teams.connector import BotConnector
from bot.worker import build_planner, office_groups_of
from tests.http.conftest import OFFICE_EMAIL, BotUnderTest, governance

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
    """A delivery worker on the bot's own database and HTTP session, without a token."""

    async def no_token() -> str | None:
        return None

    runtime = bot.runtime
    return DeliveryWorker(
        runtime.db.outbox,
        runtime.db.conversations,
        BotConnector(runtime.session, no_token, max_attempts=attempts, base_delay=0.01),
        office_groups_of(governance(), "Södra Älvsborg"),
        DeliveryConfig(poll_interval=0.05),
        worker_id=name,
    )


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
    start = datetime(2027, 1, 19, 13, 0, tzinfo=TZ)  # a Tuesday
    await runtime.db.meetings.save(
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
    planner = build_planner(runtime.settings, governance(), runtime.db)
    worker = _worker(bot, "e2e", attempts=2)
    before = len(bot.stub.sent(CHANNEL))
    due = datetime(2027, 1, 12, 8, 0, tzinfo=TZ)  # seven days ahead, 08.00
    await planner.plan(due - timedelta(days=1))
    await worker.run_once(due - timedelta(days=1))
    assert len(bot.stub.sent(CHANNEL)) == before  # nothing early

    await planner.plan(due)
    await worker.run_once(due)
    await planner.plan(due + timedelta(minutes=1))  # a second round changes nothing
    await worker.run_once(due + timedelta(minutes=1))
    notices = bot.stub.sent(CHANNEL)[before:]
    assert len(notices) == 1
    text = str(notices[0])
    assert "tisdag 19 januari" in text
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
    start = datetime(2027, 1, 19, 13, 0, tzinfo=TZ)
    await runtime.db.meetings.save(
        Meeting(None, "sodra-alvsborg", "styrgrupp", start, agenda_url="https://a", uid="e2e-2")
    )
    worker = _worker(bot, "e2e-broken", attempts=1)
    due = datetime(2027, 1, 12, 8, 0, tzinfo=TZ)
    await build_planner(runtime.settings, governance(), runtime.db).plan(due)
    bot.stub.fail_next(403, times=5, conversation_id=CHANNEL, operations={"send"})
    await worker.run_once(due)
    await bot.post(_channel_message(bot, "visa kopplingar"))
    listing = str(bot.stub.sent(CHANNEL)[-1])
    assert "TRASIG" in listing
