"""The job runner: named jobs on the injected clock, failures retried, every task awaited."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.domain.clock import FixedClock
from bot.jobs import JobRunner
from dialogs.jobs import Job

AT = datetime(2027, 1, 4, 7, 0, tzinfo=UTC)


async def test_jobs_run_on_the_clock_and_stop_cleanly() -> None:
    seen: list[tuple[str, datetime]] = []
    stopped: list[str] = []

    async def planning(now: datetime) -> float | None:
        seen.append(("planning", now))
        return None

    async def delivery(now: datetime) -> float | None:
        seen.append(("delivery", now))
        return 0.0 if len(seen) < 5 else None  # busy at first: rounds follow at once

    runner = JobRunner(
        FixedClock(AT),
        [
            Job("planning", planning, every=60.0),
            Job("delivery", delivery, every=0.05, on_stop=lambda: stopped.append("delivery")),
        ],
    )
    assert runner.names == ["planning", "delivery"]
    runner.start()
    await asyncio.sleep(0.2)
    await runner.stop()
    assert {name for name, _ in seen} == {"planning", "delivery"}
    assert all(now == AT for _, now in seen)
    assert stopped == ["delivery"]
    assert await runner.run_now("planning") is None


async def test_a_failing_round_is_retried_not_fatal() -> None:
    calls = 0

    async def flaky(now: datetime) -> float | None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("database blip")
        return None

    runner = JobRunner(FixedClock(AT), [Job("flaky", flaky, every=0.01)])
    runner.start()
    for _ in range(100):
        if calls >= 2:
            break
        await asyncio.sleep(0.01)
    await runner.stop()
    assert calls >= 2


async def test_spawned_work_is_awaited_on_stop() -> None:
    done: list[str] = []

    async def work() -> None:
        await asyncio.sleep(0.05)
        done.append("cards sent")

    async def broken() -> None:
        raise ValueError("logged, not raised")

    runner = JobRunner(FixedClock(AT))
    runner.spawn("survey cards", work())
    runner.spawn("broken", broken())
    await runner.stop()
    assert done == ["cards sent"]
