"""Jobs: what the bot does when time passes, as data the edge's job runner runs.

The table of jobs is in `dialogs.routes` beside the routes; `bot.jobs.JobRunner` runs them
with the injected clock, starts and stops them with the app, and awaits every task on
shutdown — the one-off ones features hand it too (`Background.spawn`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

# A job's round: given the clock's "now", do the work; return the seconds until the next
# round when the job knows better than its interval (0: at once, there is more), else None.
JobRound = Callable[[datetime], Awaitable[float | None]]


@dataclass(frozen=True)
class Job:
    name: str  # says what it is, in the log: "notice_planning", "delivery", …
    run: JobRound
    every: float  # seconds between rounds
    on_stop: Callable[[], None] | None = None  # told first when the app stops


class Background(Protocol):
    def spawn(self, name: str, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` after the turn; the runner logs its failure and awaits it on stop."""
        ...
