"""The job runner: runs the named jobs of `dialogs.routes.jobs` with the injected clock.

Modelled on python-telegram-bot's JobQueue: each job has a name and an interval and is run
as one task; a failing round is logged (with the job's name) and retried after a growing
pause, never ending the job. One-off background work that features hand over (`spawn`) is
kept too. `stop()` tells the jobs, waits a grace period for rounds under way, cancels what
is left, and awaits every task, so nothing is left running when the app closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine, Iterable
from typing import Any

from bot.domain.clock import Clock
from bot.domain.ports import StoreUnavailable
from dialogs.jobs import Job

log = logging.getLogger(__name__)

MAX_BACKOFF = 60.0  # seconds: the longest pause after failed rounds


class JobRunner:
    def __init__(self, clock: Clock, jobs: Iterable[Job] = ()) -> None:
        self._clock = clock
        self._jobs: dict[str, Job] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._spawned: set[asyncio.Task[None]] = set()
        self._stopping = asyncio.Event()
        for job in jobs:
            self.add(job)

    def add(self, job: Job) -> None:
        if job.name in self._jobs:
            raise ValueError(f"job {job.name!r} is added twice")
        self._jobs[job.name] = job

    @property
    def names(self) -> list[str]:
        return list(self._jobs)

    def start(self) -> None:
        for name, job in self._jobs.items():
            if name not in self._tasks:
                self._tasks[name] = asyncio.create_task(self._loop(job), name=f"job {name}")

    async def run_now(self, name: str) -> float | None:
        """One round of a job, at the clock's time (tests, `python -m bot worker --once`)."""
        return await self._jobs[name].run(self._clock.now())

    def spawn(self, name: str, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(self._guarded(name, work), name=name)
        self._spawned.add(task)  # held until done: a task nobody references may be collected
        task.add_done_callback(self._spawned.discard)

    async def settle(self) -> None:
        """Wait for the one-off work under way (tests, and a graceful stop)."""
        while self._spawned:
            await asyncio.gather(*list(self._spawned), return_exceptions=True)

    async def stop(self, grace: float = 5.0) -> None:
        self._stopping.set()
        for job in self._jobs.values():
            if job.on_stop is not None:
                job.on_stop()
        tasks = [*self._tasks.values(), *self._spawned]
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=grace)
            for task in pending:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()

    async def _loop(self, job: Job) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                wanted = await job.run(self._clock.now())
                failures = 0
                pause = job.every if wanted is None else wanted
            except StoreUnavailable:  # expected while the database restarts: no traceback
                failures += 1
                pause = min(MAX_BACKOFF, job.every * 2**failures, 5.0)
                log.warning("job %s: database unreachable; next try in %.1f s", job.name, pause)
            except Exception:  # a bad round must not end the job; the next one retries
                failures += 1
                pause = min(MAX_BACKOFF, job.every * 2**failures)
                log.exception("job %s: round failed; next try in %.1f s", job.name, pause)
            if pause <= 0:
                await asyncio.sleep(0)  # there is more to do: go on, letting others run
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), pause)

    @staticmethod
    async def _guarded(name: str, work: Coroutine[Any, Any, None]) -> None:
        try:
            await work
        except Exception:
            log.exception("background work %s failed", name)
