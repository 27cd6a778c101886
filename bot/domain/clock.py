"""The one clock: everything that needs "now" gets a `Clock` and asks it.

`SystemClock` is the only code in the bot that reads the wall clock; the runtime builds one
and hands it to every store, feature and job. Tests build a `FixedClock` at the moment they
are about, so no calendar day can change what a test sees (`tests/test_clock.py` checks that
nothing else reads the wall clock).

Durations measured between two moments of the running process (timeouts, pacing, cache
ages) use `time.monotonic`, which is not the wall clock and never jumps.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until told otherwise (tests, benchmarks, `--at`)."""

    def __init__(self, at: datetime) -> None:
        self._at = _aware(at)

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        self._at = _aware(at)

    def advance(self, by: timedelta) -> datetime:
        self._at += by
        return self._at


class RunningClock:
    """A clock that starts at a given moment and runs as fast as real time (by the monotonic
    clock): delivery tests and benchmarks where leases and retries must expire, on a date
    of the test's choosing."""

    def __init__(self, start: datetime) -> None:
        self._start = _aware(start)
        self._origin = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._origin)

    def advance(self, by: timedelta) -> datetime:
        self._start += by
        return self.now()


def today(clock: Clock, tz: tzinfo) -> date:
    """The calendar day it is now where `tz` is."""
    return clock.now().astimezone(tz).date()


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("a clock needs a timezone-aware moment")
    return at.astimezone(UTC)
