"""Clean-ups that keep the database from growing without end: the "housekeeping" job."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.domain.outbox import OutboxStore
from bot.domain.ports import ActivityLog

log = logging.getLogger(__name__)


class Housekeeping:
    """Handled activity ids are kept while Teams may redeliver (minutes; a day by default);
    finished posts while the office's reports look at them (120 days by default)."""

    def __init__(
        self,
        activities: ActivityLog,
        outbox: OutboxStore,
        keep_activities: timedelta = timedelta(days=1),
        keep_posts: timedelta = timedelta(days=120),
    ) -> None:
        self._activities = activities
        self._outbox = outbox
        self._keep_activities = keep_activities
        self._keep_posts = keep_posts

    async def round(self, now: datetime) -> float | None:
        activities = await self._activities.prune(now - self._keep_activities)
        posts = await self._outbox.prune_finished(now - self._keep_posts)
        if activities or posts:
            log.info("forgot %d handled activity ids and %d finished posts", activities, posts)
        return None
