"""Turns answered behind the HTTP answer (routes marked `queued`: a survey's answers).

The endpoint stores such an activity in the `ActivityQueue` and answers 202 at once; this
runs the stored ones, oldest first, a few at a time, through the same turn as any other
(the activity log's claim, the adapter, the apology when a turn fails). A row goes once
its turn has run; one whose turn could not reach the database stays and runs again later,
as does every row left when the process stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.domain.ports import ActivityQueue, QueuedActivity

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # a turn that fails this often (a fault, not the database) is given up
_BATCH = 64  # rows taken per read
_BACK_OFF = 2.0  # seconds before trying again when the database was unreachable
_POLL = 5.0  # seconds between looks for rows nobody woke us for (another instance's)
# The door first: while activities keep arriving (a burst), turns wait until the arrivals
# pause this long, or at most _MAX_DEFER, so the 202s Teams waits for are not held up by
# turns sharing the core. Under steady arrivals a batch still runs every _MAX_DEFER.
_QUIET = 0.05
_MAX_DEFER = 1.0

# The turn for a stored activity: True when it is finished with (answered, a repeat, or
# beyond repair), False when it must run again later (the database was unreachable).
RunQueued = Callable[[dict[str, Any]], Awaitable[bool]]


class QueuedTurns:
    def __init__(self, queue: ActivityQueue, run: RunQueued, *, parallel: int = 16) -> None:
        self._queue = queue
        self._run = run
        self._slots = asyncio.Semaphore(parallel)
        self._wake = asyncio.Event()
        self._running: set[str] = set()
        self._task: asyncio.Task[None] | None = None
        self._at_door = 0  # activities being stored now
        self._arrived = 0.0  # loop time of the last one stored

    async def put(self, key: str, activity: dict[str, Any]) -> None:
        """Stored (or StoreUnavailable): the caller may now tell Teams it arrived."""
        self._at_door += 1
        try:
            await self._queue.put(key, activity)
        finally:
            self._at_door -= 1
            self._arrived = asyncio.get_running_loop().time()
        self._wake.set()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._work(), name="queued-turns")

    async def stop(self) -> None:
        """Stops between turns' steps; what did not finish stays queued for the next start."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def settled(self, timeout: float = 30.0) -> None:
        """Until nothing queued waits or runs (for tests and benchmarks)."""
        async with asyncio.timeout(timeout):
            while self._running or await self._queue.take(1):
                await asyncio.sleep(0.005)

    async def _work(self) -> None:
        while True:
            self._wake.clear()
            try:
                batch = await self._queue.take(_BATCH, skip=tuple(self._running))
            except Exception:  # the database is down (or worse): look again later
                log.warning("queued activities could not be read", exc_info=True)
                await self._sleep(_BACK_OFF)
                continue
            if not batch:
                await self._sleep(_POLL)
                continue
            await self._door_quiet()
            self._running.update(item.key for item in batch)
            try:
                outcomes = await asyncio.gather(*(self._one(item) for item in batch))
                finished = [item.key for item, done in zip(batch, outcomes, strict=True) if done]
                await self._forget(finished)
            finally:
                self._running.difference_update(item.key for item in batch)
            if len(finished) < len(batch):
                await asyncio.sleep(_BACK_OFF)  # the database was unreachable for some

    async def _door_quiet(self) -> None:
        loop = asyncio.get_running_loop()
        give_up = loop.time() + _MAX_DEFER
        while loop.time() < give_up and (self._at_door or loop.time() - self._arrived < _QUIET):
            await asyncio.sleep(_QUIET / 2)

    async def _one(self, item: QueuedActivity) -> bool:
        async with self._slots:
            try:
                return await self._run(item.activity)
            except Exception:
                log.exception("queued activity %s: turn failed", item.key)
            try:
                attempts = await self._queue.failed(item.key)
            except Exception:
                log.warning("queued activity %s: failure not recorded", item.key, exc_info=True)
                return False
            if attempts >= MAX_ATTEMPTS:
                log.error("queued activity %s given up after %d failures", item.key, attempts)
                return True
            return False

    async def _forget(self, keys: list[str]) -> None:
        try:
            await self._queue.done(keys)
        except Exception:
            # Their turns ran: run again, they are repeats the activity log answers with
            # nothing (or, at worst, "already answered").
            log.warning("%d finished queued activities not deleted", len(keys), exc_info=True)

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)
