"""PostgreSQL unreachable for a while (a restart, a failover): no post twice, no question lost.

The database sits behind a proxy the test cuts (open connections dropped, new ones
refused) and restores. Posts Teams accepted while the "sent" mark could not be written are
remembered by the worker and never posted again, even once their lease has run out; member
questions are answered when the turn needs no database, or get 503 with Retry-After and are
answered when Teams asks again after the database is back. SQLite is a file: it has no
outage of this kind.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from bot.domain.clock import FixedClock
from bot.domain.outbox import PostState
from bot.domain.ports import StoreUnavailable
from bot.settings import Settings
from tests.http.conftest import BotUnderTest, SettingsHook, delivery_worker
from tests.http.test_delivery import CHANNEL, FAST, enqueue
from tests.http.test_queued_turns import survey_submit
from tests.support.channels import bind_channel
from tests.support.proxy import CuttableProxy

ASKER = {"conversation": "a:asker", "user": "29:asker", "aad": "aad-asker"}


@pytest.fixture
async def proxy(database_url: str) -> AsyncIterator[CuttableProxy]:
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite is a file: no network outage to survive")
    port = urlsplit(database_url).port or 5432
    async with CuttableProxy(port) as running:
        yield running


@pytest.fixture
def settings_hook(proxy: CuttableProxy) -> SettingsHook:
    def through_proxy(settings: Settings) -> Settings:
        return replace(settings, database_url=proxy.route(settings.database_url))

    return through_proxy


async def _ask_like_teams(bot: BotUnderTest, body: dict[str, object], give_up: float) -> int:
    """Post as Teams does: again after a 503's Retry-After (shortened), until an answer."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + give_up
    while True:
        response = await bot.post(body)
        if response.status < 500 or loop.time() > deadline:
            return response.status
        await asyncio.sleep(min(float(response.headers.get("Retry-After", "1")), 1.0) / 4)


async def test_no_post_twice_and_no_question_lost_through_an_outage(
    bot: BotUnderTest, proxy: CuttableProxy, clock: FixedClock
) -> None:
    db = bot.runtime.db
    await bot.post(bot.message("Vem är ordförande i styrgruppen?", **ASKER))  # warm caches
    await bind_channel(db, CHANNEL, "styrgrupp", service_url=bot.service_url, now=clock.now())
    texts = await enqueue(db, 40)
    worker = delivery_worker(bot, "w-outage", config=replace(FAST, concurrency=1))

    def cut_after_the_tenth(conversation: str, activity: dict[str, object]) -> None:
        if len(bot.stub.sent(CHANNEL)) == 10:
            proxy.cut()  # Teams has the tenth post; its "sent" mark cannot be written

    bot.stub.on_post = cut_after_the_tenth
    for _ in range(8):  # the worker keeps trying through the outage
        with contextlib.suppress(StoreUnavailable):  # ends a round, as the job runner sees
            await worker.run_once()
    assert len(bot.stub.sent(CHANNEL)) == 10
    questions = [bot.message(f"Vem är ordförande i styrgruppen? ({n})", **ASKER) for n in range(6)]
    asked = [asyncio.create_task(_ask_like_teams(bot, q, give_up=20)) for q in questions]
    await asyncio.sleep(1.0)
    clock.advance(FAST.lease * 3)  # every claim's lease has run out meanwhile
    await proxy.restore()
    assert all(status in (200, 201) for status in await asyncio.gather(*asked))
    for _ in range(40):
        await worker.run_once()
        if len(bot.stub.sent(CHANNEL)) >= len(texts):
            break
    posted = [a.get("text") for a in bot.stub.sent(CHANNEL)]
    assert sorted(posted) == sorted(texts)  # every post once: none lost, none twice
    entries = await db.outbox.list(limit=100)
    assert {e.state for e in entries if e.post.conversation_id == CHANNEL} == {PostState.SENT}
    answers = [a.get("text") or "" for a in bot.stub.sent("a:asker")]
    assert len(answers) == 1 + len(questions)  # each question answered once
    assert not any("gick fel" in a for a in answers)


async def test_no_survey_answer_lost_through_an_outage(
    bot: BotUnderTest, proxy: CuttableProxy
) -> None:
    """Stored before the outage: answered after it. Sent during it: 503, then stored."""
    endpoint = bot.runtime.endpoint
    assert endpoint.queued is not None
    await bot.post(bot.message("hjälp", **ASKER))  # warm caches
    await endpoint.stop()
    stored = survey_submit(bot, **ASKER)
    async with bot.http.post(bot.url, json=stored) as response:
        assert response.status == 202
    proxy.cut()
    endpoint.start()  # the stored answer's turn meets the outage and stays queued
    refused = survey_submit(bot, **ASKER)
    async with bot.http.post(bot.url, json=refused) as response:
        assert response.status == 503 and response.headers["Retry-After"]
    await asyncio.sleep(0.5)
    await proxy.restore()
    assert await _ask_like_teams(bot, refused, give_up=20) == 202
    await endpoint.queued.settled()
    answers = [a.get("text") or "" for a in bot.stub.sent("a:asker")]
    assert len(answers) == 3  # "hjälp", then each survey answer once
    assert sum("inte skickad till dig" in a for a in answers) == 2
