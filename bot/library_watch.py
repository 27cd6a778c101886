"""Answers follow the office's library without a restart.

Every instance polls the library's generation (a counter in the database that grows with
each import or added region). When it has grown, the bot is built again from `data/` and
the new library, and the new bot takes over: the Teams endpoint asks for the app of the
moment on every turn, so turns under way finish on the old one, and the next turn gets
the new one. The jobs move over too: the old bot's are stopped (a round under way may
finish) before the new bot's start. An import made on this instance pokes the watcher, so
here the new document answers at once; other instances follow within `poll` seconds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from bot.domain.clock import Clock
from bot.domain.ports import LibraryStore
from bot.jobs import JobRunner
from bot.runtime import Bot
from dialogs.jobs import Job

if TYPE_CHECKING:
    from datetime import datetime

log = logging.getLogger(__name__)

JOB_GRACE = 30.0  # seconds a job round under way may take to finish before the swap


class LibraryWatcher:
    def __init__(
        self,
        library: LibraryStore,
        build: Callable[[Callable[[], None]], Awaitable[Bot]],
        clock: Clock,
        run_jobs: bool,
        poll: float,
    ) -> None:
        self._library = library
        self._build = build
        self._run_jobs = run_jobs
        self._lock = asyncio.Lock()
        self._generation = -1
        self._own = JobRunner(clock, [Job("library", self._round, every=poll)])
        self.bot: Bot | None = None
        self.runtime: Any = None  # the app's Runtime, whose `bot` is kept current
        self.reloads = 0

    async def start(self) -> Bot:
        self._generation = await self._library.generation()
        bot = await self._build(self.poke)
        self._swap_in(bot)
        if self._run_jobs:
            bot.jobs.start()
            self._own.start()
        return bot

    def poke(self) -> None:
        """The library changed here: look now rather than at the next poll."""
        self._own.spawn("library reload", self._reload())

    async def settle(self) -> None:
        """Wait for a reload under way (tests)."""
        await self._own.settle()

    async def _reload(self) -> None:
        await self.check()

    async def check(self) -> bool:
        """Rebuild when the library has changed; True when it did."""
        async with self._lock:
            generation = await self._library.generation()
            if generation == self._generation:
                return False
            new = await self._build(self.poke)
            old = self.bot
            self._generation = generation
            self._swap_in(new)
            self.reloads += 1
            log.info("the library changed (generation %d): answers rebuilt", generation)
            if old is not None and self._run_jobs:
                await old.jobs.stop(grace=JOB_GRACE)
                new.jobs.start()
            elif old is not None:
                await old.jobs.settle()
            return True

    async def stop(self) -> None:
        await self._own.stop()
        if self.bot is not None:
            await self.bot.jobs.stop()

    def _swap_in(self, bot: Bot) -> None:
        self.bot = bot
        if self.runtime is not None:
            self.runtime.bot = bot

    async def _round(self, now: datetime) -> float | None:
        await self.check()
        return None
