"""The survey's clock: opens rounds on the first working day of August and December, sends
the reminders when they are due, closes rounds at their close date and forgets identities
and comments after the retention period. Runs as the "survey_clock" job.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from bot.domain.ports import SurveyStore
from bot.domain.survey_rounds import RoundState, due_reminder, opening_day
from dialogs.office import OfficeDirectory
from dialogs.surveys.desk import SurveyDesk

log = logging.getLogger(__name__)

OPENS_AT = time(8, 0)  # local time on the opening day, like the other posts


class SurveyClock:
    def __init__(
        self,
        desk: SurveyDesk,
        surveys: SurveyStore,
        office: OfficeDirectory,
        tz: ZoneInfo,
        retention_months: int,
    ) -> None:
        self._desk = desk
        self._surveys = surveys
        self._office = office
        self._tz = tz
        self._retention_months = retention_months
        self._warned_no_office = False
        self._retention_run: date | None = None

    async def tick(self, now: datetime) -> None:
        """One round of the clock; safe to call as often as you like."""
        await self._open_if_due(now)
        survey = await self._desk.current()
        if survey is not None and survey.id is not None and survey.state is RoundState.OPEN:
            if now >= survey.closes_at:
                await self._surveys.close_round(survey.id)
                log.info("survey round %s closed at its close date", survey.id)
            elif due_reminder(survey, now) is not None:
                await self._desk.remind(now)  # only those who have not answered
        today = now.astimezone(self._tz).date()
        if self._retention_run != today:  # once a day is enough for a limit in months
            cutoff = now - relativedelta(months=self._retention_months)
            forgotten = await self._surveys.forget_before(cutoff)
            if forgotten:
                log.info("forgot identities and comments of %d survey rounds", forgotten)
            self._retention_run = today

    async def round(self, now: datetime) -> float | None:
        """The job's round."""
        await self.tick(now)
        return None

    async def _open_if_due(self, now: datetime) -> None:
        local = now.astimezone(self._tz)
        opening = opening_day(local.year, local.month) if local.month in (8, 12) else None
        if opening != local.date() or local.time() < OPENS_AT:
            return
        latest = await self._desk.current()
        if latest is not None and latest.opens_at.astimezone(self._tz).date() == local.date():
            return  # today's round is open (or was opened by hand and closed)
        channels = await self._office.channels(self._desk.region)
        if not channels:
            if not self._warned_no_office:
                log.warning("survey day, but no channel is bound to the office: not opened")
                self._warned_no_office = True
            return
        await self._desk.open_round(channels[0].conversation_id, now)
        log.info("survey round opened automatically for %s", self._desk.region)
