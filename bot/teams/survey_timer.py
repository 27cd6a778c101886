"""The survey's clock: opens rounds on the first working day of August and December, sends
the reminders when they are due, closes rounds at their close date and forgets identities
and comments after the retention period. Runs inside `serve` beside the office commands.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta

from bot.domain.survey_rounds import RoundState, due_reminder, opening_day
from bot.settings import Settings
from bot.store.database import Database
from bot.teams.surveys import SurveyDesk

log = logging.getLogger(__name__)

OPENS_AT = time(8, 0)  # local time on the opening day, like the other posts


class SurveyTimer:
    def __init__(self, desk: SurveyDesk, db: Database, settings: Settings, region: str) -> None:
        self._desk = desk
        self._db = db
        self._settings = settings
        self._region = region
        self._warned_no_office = False
        self._retention_run: date | None = None

    async def tick(self, now: datetime) -> None:
        """One round of the clock; safe to call as often as you like."""
        await self._open_if_due(now)
        survey = await self._desk.current()
        if survey is not None and survey.id is not None and survey.state is RoundState.OPEN:
            if now >= survey.closes_at:
                await self._db.surveys.close_round(survey.id)
                log.info("survey round %s closed at its close date", survey.id)
            elif due_reminder(survey, now) is not None:
                await self._desk.remind(now)  # only those who have not answered
        today = now.astimezone(self._settings.timezone).date()
        if self._retention_run != today:  # once a day is enough for a limit in months
            cutoff = now - relativedelta(months=self._settings.survey_retention_months)
            forgotten = await self._db.surveys.forget_before(cutoff)
            if forgotten:
                log.info("forgot identities and comments of %d survey rounds", forgotten)
            self._retention_run = today

    async def _open_if_due(self, now: datetime) -> None:
        local = now.astimezone(self._settings.timezone)
        opening = opening_day(local.year, local.month) if local.month in (8, 12) else None
        if opening != local.date() or local.time() < OPENS_AT:
            return
        latest = await self._desk.current()
        if latest is not None and latest.opens_at.astimezone(self._settings.timezone).date() == (
            local.date()
        ):
            return  # today's round is open (or was opened by hand and closed)
        office = await self._office_channel()
        if office is None:
            if not self._warned_no_office:
                log.warning("survey day, but no channel is bound to the office: not opened")
                self._warned_no_office = True
            return
        await self._desk.open_round(office, now)
        log.info("survey round opened automatically for %s", self._region)

    async def _office_channel(self) -> str | None:
        for binding in await self._db.conversations.bindings_of_group(self._region, "kansli"):
            return binding.conversation_id
        return None


def start_survey_timer(
    timer: SurveyTimer, now: Callable[[], datetime], interval: float = 60.0
) -> Callable[[], Awaitable[None]]:
    """Tick every `interval` seconds in a task; the returned coroutine function stops it."""
    stop = asyncio.Event()

    async def loop() -> None:
        while not stop.is_set():
            try:
                await timer.tick(now())
            except Exception:  # a bad tick must not stop the clock; the next one retries
                log.exception("survey timer tick failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval)

    task = asyncio.create_task(loop(), name="survey timer")

    async def shutdown() -> None:
        stop.set()
        with contextlib.suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(task, 5.0)

    return shutdown
