"""Clean-ups that keep the database from growing without end: the "housekeeping" job."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.domain.ports import ActivityLog

log = logging.getLogger(__name__)

# Teams redelivers within seconds or minutes; a day of handled activity ids is ample.
ACTIVITIES_KEPT = timedelta(days=1)


class Housekeeping:
    def __init__(self, activities: ActivityLog) -> None:
        self._activities = activities

    async def round(self, now: datetime) -> float | None:
        pruned = await self._activities.prune(now - ACTIVITIES_KEPT)
        if pruned:
            log.info("forgot %d handled activity ids older than %s", pruned, ACTIVITIES_KEPT)
        return None
