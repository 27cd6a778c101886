"""The survey's clock opens a round on the first working day of August, once, closes it at
its close date, and never needs the office to remember."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.ports import ChannelBinding, ConversationKind, StoredConversation
from bot.domain.survey_rounds import RoundState
from tests.http.conftest import BotUnderTest

TZ = ZoneInfo("Europe/Stockholm")
OFFICE_CHANNEL = "19:kansliet@thread.tacv2"


async def _bind_office(bot: BotUnderTest) -> None:
    db = bot.runtime.db
    await db.conversations.save(
        StoredConversation(
            OFFICE_CHANNEL,
            ConversationKind.CHANNEL,
            bot.service_url,
            "11111111-2222-3333-4444-555555555555",
            {"conversation": {"id": OFFICE_CHANNEL}, "bot": {"id": "28:bot-id"}},
        )
    )
    await db.conversations.bind(ChannelBinding(OFFICE_CHANNEL, "sodra-alvsborg", "kansli", "t"))


async def test_round_opens_on_the_first_working_day_of_august_and_closes_itself(
    bot: BotUnderTest,
) -> None:
    await _bind_office(bot)
    runtime = bot.runtime
    timer = bot.features.survey_clock
    surveys = bot.features.surveys
    # 1 August 2027 is a Sunday: the first working day is Monday 2 August.
    await timer.tick(datetime(2027, 8, 1, 9, 0, tzinfo=TZ))
    await timer.tick(datetime(2027, 8, 2, 7, 30, tzinfo=TZ))
    assert await surveys.current() is None
    await timer.tick(datetime(2027, 8, 2, 8, 5, tzinfo=TZ))
    await runtime.bot.jobs.settle()
    opened = await surveys.current()
    assert opened is not None and opened.state is RoundState.OPEN
    await timer.tick(datetime(2027, 8, 2, 9, 0, tzinfo=TZ))  # the same day: no second round
    assert len(await runtime.db.surveys.rounds("sodra-alvsborg")) == 1
    await timer.tick(opened.closes_at + timedelta(minutes=1))
    closed = await surveys.current()
    assert closed is not None and closed.state is not RoundState.OPEN


async def test_no_office_channel_no_round(bot: BotUnderTest) -> None:
    timer = bot.features.survey_clock
    await timer.tick(datetime(2027, 12, 1, 8, 30, tzinfo=TZ))  # Wednesday 1 December
    assert await bot.features.surveys.current() is None
