"""A small closed-loop load driver: N requests at a fixed concurrency, latency per request."""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aiohttp


@dataclass(frozen=True)
class Run:
    label: str
    concurrency: int
    requests: int
    seconds: float
    latencies: tuple[float, ...]  # seconds
    errors: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index]

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else float("nan")

    @property
    def p99_ms(self) -> float:
        return self.percentile(99) * 1000


async def drive(
    url: str,
    make_body: Callable[[int], dict[str, Any]],
    *,
    label: str,
    concurrency: int,
    requests: int,
) -> Run:
    counter = itertools.count()
    latencies: list[float] = []
    errors = 0
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker() -> None:
            nonlocal errors
            while (n := next(counter)) < requests:
                started = time.perf_counter()
                async with session.post(url, json=make_body(n)) as response:
                    await response.read()
                    if response.status >= 300:
                        errors += 1
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return Run(label, concurrency, requests, elapsed, tuple(latencies), errors)
