"""The queue of activities answered behind the HTTP answer, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.domain.clock import FixedClock
from bot.store.database import Database


async def test_puts_at_once_are_stored_once_each_oldest_first(
    db: Database, clock: FixedClock
) -> None:
    await db.queue.put("msteams|a:1|first", {"id": "first"})
    clock.advance(timedelta(seconds=1))
    # A burst: 300 at once, one of them twice (Teams resends).
    await asyncio.gather(
        *(db.queue.put(f"msteams|a:1|{n}", {"id": str(n)}) for n in range(300)),
        db.queue.put("msteams|a:1|7", {"id": "7"}),
    )
    taken = await db.queue.take(1000)
    assert len(taken) == 301
    assert taken[0].activity == {"id": "first"} and taken[0].attempts == 0
    assert len({t.key for t in taken}) == 301
    # Again with some being run here: those are left out; done ones are gone.
    rest = await db.queue.take(1000, skip=[t.key for t in taken[:100]])
    assert [t.key for t in rest] == [t.key for t in taken[100:]]
    await db.queue.done([t.key for t in taken[:300]])
    (last,) = await db.queue.take(1000)
    assert await db.queue.failed(last.key) == 1
    assert await db.queue.failed(last.key) == 2
    assert (await db.queue.take(1))[0].attempts == 2


async def test_a_long_activity_key_is_stored_and_done_by_its_queue_key(db: Database) -> None:
    key = "msteams|19:" + "x" * 600 + "|1"
    await db.queue.put(key, {"id": "1"})
    (item,) = await db.queue.take(5)
    assert len(item.key) <= 71
    await db.queue.done([item.key])
    assert await db.queue.take(5) == []


async def test_another_instances_rows_are_taken_over_only_after_the_lease(
    database_url: str, clock: FixedClock, db: Database
) -> None:
    other = await Database.connect(database_url, clock, instance="other:3978")
    try:
        await other.queue.put("msteams|a:2|1", {"id": "1"})
        assert await db.queue.take(5) == []  # the other instance is presumably alive
        clock.advance(timedelta(seconds=61))
        (item,) = await db.queue.take(5)  # it is not: its row is this instance's now
        assert item.activity == {"id": "1"}
        assert await other.queue.take(5) == []
    finally:
        await other.dispose()
