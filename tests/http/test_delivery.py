"""The delivery worker against the Bot Connector stand-in, with Teams' limits switched on."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from bot.domain.clock import Clock, RunningClock
from bot.domain.outbox import OFFICE_ALERT, Post, PostState
from bot.domain.ports import ChannelBinding, ConversationKind, StoredConversation
from bot.store.database import Database
from bot.teams.connector import BotConnector
from dialogs.notices.alerts import DeliveryAlerts
from dialogs.notices.delivery import DeliveryConfig, DeliveryWorker
from dialogs.office import OfficeDirectory
from tests.conftest import test_now
from tests.http.conftest import BotUnderTest, governance
from tests.support.connector import ConnectorStub

TENANT = "11111111-2222-3333-4444-555555555555"
REGION = "sodra-alvsborg"
OFFICE = "19:kansliet@thread.tacv2"
CHANNEL = "19:styrgrupp@thread.tacv2"

# Short leases, fast retries and small rates keep every test to a few seconds.
FAST = DeliveryConfig(
    tenant_rate=30,
    conversation_limits=((25, 1.0),),
    margin=0.02,
    lease=timedelta(seconds=1),
    poll_interval=0.05,
    retry_base=0.05,
    retry_cap=0.2,
    throttled_retry=0.05,
    max_attempts=3,
)


@pytest.fixture
def clock() -> RunningClock:
    """Leases, retries and Teams' windows must run out here: a clock that runs, from the
    test's fixed moment."""
    return RunningClock(test_now())


@dataclass
class Setup:
    db: Database
    stub: ConnectorStub
    http: aiohttp.ClientSession
    clock: Clock

    def worker(self, name: str, config: DeliveryConfig = FAST) -> DeliveryWorker:
        async def no_token() -> str | None:
            return None

        connector = BotConnector(
            self.http, no_token, max_attempts=2, base_delay=0.01, max_delay=0.5, timeout=5
        )
        office = OfficeDirectory(
            governance(), self.db.conversations, self.db.roster, frozenset(), REGION
        )
        return DeliveryWorker(
            self.db.outbox,
            self.db.conversations,
            connector,
            office,
            DeliveryAlerts(governance(), ZoneInfo("Europe/Stockholm")),
            self.clock,
            config,
            worker_id=name,
        )

    async def channel(self, conversation_id: str, group: str, name: str = "") -> None:
        await self.db.conversations.save(
            StoredConversation(
                conversation_id=conversation_id,
                kind=ConversationKind.CHANNEL,
                service_url=self.stub.url,
                tenant_id=TENANT,
                reference={},
                channel_name=name,
                updated_at=self.clock.now() - timedelta(days=1),
            )
        )
        await self.db.conversations.bind(
            ChannelBinding(conversation_id, REGION, group, "test", name, self.clock.now())
        )

    def texts(self, conversation_id: str) -> list[str]:
        return [a.get("text", "") for a in self.stub.sent(conversation_id)]


@pytest.fixture
async def setup(db: Database, clock: Clock) -> AsyncIterator[Setup]:
    stub = ConnectorStub(per_conversation_per_second=20, per_tenant_per_second=30)
    async with stub, aiohttp.ClientSession() as http:
        s = Setup(db, stub, http, clock)
        await s.channel(OFFICE, "kansli", "Kansliet")
        await s.channel(CHANNEL, "styrgrupp", "Styrgruppen")
        yield s


async def enqueue(
    db: Database, count: int, conversation_id: str = CHANNEL, **extra: Any
) -> list[str]:
    now = db.sessions.now() - timedelta(seconds=1)
    texts = [f"Kallelse {n:02d} till {conversation_id}" for n in range(count)]
    for n, text in enumerate(texts):
        await db.outbox.enqueue(
            Post(
                key=f"notice:m{n}:{conversation_id}",
                region=REGION,
                group="styrgrupp",
                conversation_id=conversation_id,
                due_at=now + timedelta(microseconds=n),
                kind="notice",
                activity={"type": "message", "text": text},
                meeting_id=n,
                **extra,
            )
        )
    return texts


@asynccontextmanager
async def running(worker: DeliveryWorker, clock: Clock) -> AsyncIterator[asyncio.Task[None]]:
    """The worker's rounds in a loop, as the "delivery" job runs them."""
    stopping = asyncio.Event()

    async def rounds() -> None:
        while not stopping.is_set():
            pause = await worker.next_round(clock.now())
            with suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), pause or 0.001)

    task = asyncio.create_task(rounds())
    try:
        yield task
    finally:
        worker.stop()
        stopping.set()
        if not task.done():
            await asyncio.wait_for(task, 5)


async def until(check: Callable[[], Any], timeout: float = 8.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_fifty_posts_to_one_conversation_in_order_despite_429s(setup: Setup) -> None:
    texts = await enqueue(setup.db, 50)
    setup.stub.fail_next(429, times=3, conversation_id=CHANNEL, retry_after=0.1)
    # Paced at 25/s against Teams' 20/s: some 429s.
    async with running(setup.worker("w1"), setup.clock):
        await setup.stub.wait_for(50, timeout=10, conversation_id=CHANNEL)
        await asyncio.sleep(0.2)  # nothing more may arrive
    assert setup.texts(CHANNEL) == texts  # in order, none twice, none lost
    assert setup.stub.counters.throttled > 3
    assert all(e.state is PostState.SENT for e in await setup.db.outbox.list(limit=100))


async def test_gone_channel_waits_tells_the_office_once_and_resends_after_rebinding(
    setup: Setup,
) -> None:
    texts = await enqueue(setup.db, 3)
    setup.stub.fail_next(403, conversation_id=CHANNEL)
    worker = setup.worker("w1")
    report = await worker.run_once()
    assert (report.waiting, report.alerts, report.sent) == (3, 1, 0)
    for _ in range(3):  # the alert goes out; nothing else happens however often we look
        await worker.run_once()
    assert setup.texts(CHANNEL) == []
    [alert] = setup.texts(OFFICE)
    assert "Styrgruppen" in alert and "403" in alert and "koppla kanalen" in alert
    waiting = await setup.db.outbox.list(PostState.WAITING)
    assert sorted(e.post.key for e in waiting) == sorted(f"notice:m{n}:{CHANNEL}" for n in range(3))

    # The office binds the channel again: the posts go out, in order, once.
    await setup.db.conversations.bind(
        ChannelBinding(CHANNEL, REGION, "styrgrupp", "kansliet", "Styrgruppen", setup.clock.now())
    )
    report = await worker.run_once()
    assert (report.released, report.sent) == (3, 3)
    assert setup.texts(CHANNEL) == texts
    assert len(setup.texts(OFFICE)) == 1


async def test_server_errors_retry_with_backoff_then_dead_and_the_office_told(
    setup: Setup,
) -> None:
    texts = await enqueue(setup.db, 2)
    # 3 tries of 2 requests each (the connector retries once itself): the first post dies.
    setup.stub.fail_next(503, times=6, conversation_id=CHANNEL)
    async with running(setup.worker("w1"), setup.clock):
        await setup.stub.wait_for(1, timeout=8, conversation_id=CHANNEL)
        await setup.stub.wait_for(1, timeout=8, conversation_id=OFFICE)
    dead = await setup.db.outbox.get(f"notice:m0:{CHANNEL}")
    assert dead is not None and dead.state is PostState.DEAD and dead.attempts == 3
    assert "503" in dead.last_error
    assert setup.texts(CHANNEL) == texts[1:]  # a dead post does not hold back the next
    [alert] = setup.texts(OFFICE)
    assert "gett upp" in alert
    alerts = await setup.db.outbox.list(conversation_id=OFFICE)
    assert [e.post.kind for e in alerts] == [OFFICE_ALERT]


async def test_killed_worker_leaves_the_rest_to_another_exactly_once(setup: Setup) -> None:
    other = "19:au@thread.tacv2"
    await setup.channel(other, "au")
    slow = DeliveryConfig(**{**FAST.__dict__, "conversation_limits": ((8, 1.0),)})
    texts = {CHANNEL: await enqueue(setup.db, 20), other: await enqueue(setup.db, 20, other)}
    first = setup.worker("w-killed", slow)
    async with running(first, setup.clock) as task:
        await setup.stub.wait_for(12, timeout=8)
        task.cancel()  # the instance dies mid-round with claims it still holds
        with pytest.raises(asyncio.CancelledError):
            await task
    held = await setup.db.outbox.list(PostState.CLAIMED)
    assert held and all(e.claimed_by == "w-killed" for e in held)

    # The second worker takes over after the 1 s lease.
    async with running(setup.worker("w-second", slow), setup.clock):
        await setup.stub.wait_for(40, timeout=10)
        await asyncio.sleep(0.3)
    for conversation, expected in texts.items():
        assert setup.texts(conversation) == expected  # each once, in order
    assert len(setup.stub.sent()) == 40


async def test_expired_posts_are_skipped_and_the_office_told_once(setup: Setup) -> None:
    past = setup.clock.now() - timedelta(minutes=1)
    await enqueue(setup.db, 4, expires_at=past)  # the bot was down until after these expired
    worker = setup.worker("w1")
    report = await worker.run_once()
    assert len(report.skipped) == 4 and report.alerts == 1 and report.sent == 0
    await worker.run_once()
    await worker.run_once()
    assert setup.texts(CHANNEL) == []
    [alert] = setup.texts(OFFICE)
    assert "4 utskick" in alert and "hoppats över" in alert


@pytest.mark.jobs  # this bot runs its jobs, as `serve` does
async def test_serve_delivers_the_outbox(bot: BotUnderTest) -> None:
    """`create_app` runs a worker: a post enqueued in its database reaches the channel."""
    db: Database = bot.runtime.db
    await db.conversations.save(
        StoredConversation(CHANNEL, ConversationKind.CHANNEL, bot.service_url, TENANT, {})
    )
    texts = await enqueue(db, 2)
    assert [a["text"] for a in await bot.stub.wait_for(2, timeout=8)] == texts
