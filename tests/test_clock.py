"""One clock: nothing in the bot reads the wall clock except `bot.domain.clock.SystemClock`.

Everything else gets a `Clock` (the runtime's, or a test's fixed one), so a test decides
what day it is and no calendar day can change what the suite sees.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.clock import FixedClock, RunningClock, SystemClock

ROOT = Path(__file__).resolve().parents[1]
WALL_CLOCK = re.compile(
    r"\b(?:datetime\.now|datetime\.utcnow|datetime\.today|date\.today|time\.time|time\.localtime)\("
)
THE_CLOCK = ROOT / "bot" / "domain" / "clock.py"


def test_only_the_system_clock_reads_the_wall_clock() -> None:
    readers = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for package in ("bot", "dialogs")
        for path in sorted((ROOT / package).rglob("*.py"))
        if path != THE_CLOCK
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WALL_CLOCK.search(line)
    ]
    assert readers == [], "read the injected Clock instead:\n" + "\n".join(readers)


def test_fixed_clock_stands_still_until_moved() -> None:
    at = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    clock = FixedClock(at)
    assert clock.now() == clock.now() == at
    assert clock.advance(timedelta(hours=1)) == at + timedelta(hours=1)
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 12, 31, 23, 30))  # a naive moment is refused


def test_running_clock_starts_where_told_and_runs() -> None:
    at = datetime(2027, 6, 18, 10, 0, tzinfo=UTC)
    clock = RunningClock(at)
    first, second = clock.now(), clock.now()
    assert at <= first <= second < at + timedelta(seconds=5)
    assert SystemClock().now().tzinfo is not None
