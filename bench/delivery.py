"""Delivery benchmark: one meeting notice to each of 500 bound channels through the real worker.

    python -m bench.delivery

All 500 channels are in ONE tenant (the common case: the bodies' teams live in one
organisation's tenant), so Teams' per-tenant limit of 30 requests/second is what binds: the
stand-in answers 429 with Retry-After above 30/s per tenant and 7/s per conversation, and
the fastest any bot can deliver 500 posts is (ceil(500 / 30) - 1) = 16 s from the first
send to the last. Elapsed is measured at the stand-in the same way, first to last accepted.

1. One worker process on SQLite.
2. Two worker processes on a fresh PostgreSQL database, each given half the tenant rate
   (the recommended set-up); one is killed with SIGKILL midway, the other takes over its
   claims once their lease (5 s here) has run out, and goes on at its half rate.
3. The same with each worker at the full tenant rate: together they overshoot, Teams' 429s
   with Retry-After do the pacing, and nothing may be lost or doubled all the same.

The stand-in runs in a process of its own (`--stub`), as do the workers (`--worker`), and
counts what arrived: lost = notices never accepted, duplicates = notices accepted twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import signal
import sys
import tempfile
import time
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp

from bench.databases import ADMIN_URL, postgres_database
from bot.domain.clock import SystemClock
from bot.domain.loader import load_governance
from bot.domain.outbox import Post
from bot.domain.ports import ChannelBinding, ConversationKind, StoredConversation
from bot.jobs import JobRunner
from bot.settings import DEFAULT_DATA_DIR
from bot.store.database import Database
from bot.store.migrate import upgrade_async
from bot.teams.connector import BotConnector
from dialogs.jobs import Job
from dialogs.notices.alerts import DeliveryAlerts
from dialogs.notices.delivery import DeliveryConfig, DeliveryWorker
from dialogs.office import OfficeDirectory
from tests.support.connector import ConnectorStub

CHANNELS = 500
TENANT = "bench-tenant-0001"
TENANT_LIMIT = 30  # the stand-in's per-tenant limit, requests/second
CONVERSATION_LIMIT = 7
LEASE = timedelta(seconds=5)  # short, so the takeover after SIGKILL shows within the run

# -- the stand-in process ------------------------------------------------------------------


class _TimedStub(ConnectorStub):
    """Records when the first and the last post were accepted."""

    first = 0.0
    last = 0.0

    def _posted(self, conversation: str, activity: dict[str, Any]) -> None:
        now = time.time()
        self.first = self.first or now
        self.last = now
        super()._posted(conversation, activity)


async def _stub_main() -> None:
    stub = _TimedStub(
        per_conversation_per_second=CONVERSATION_LIMIT, per_tenant_per_second=TENANT_LIMIT
    )
    print(await stub.start(), flush=True)
    loop = asyncio.get_running_loop()
    while line := await loop.run_in_executor(None, sys.stdin.readline):
        if line.strip() == "stats":
            texts = [a.get("text", "") for a in stub.sent()]
            stats = {
                "accepted": len(texts),
                "texts": sorted(set(texts)),
                "throttled": stub.counters.throttled,
                "first": stub.first,
                "last": stub.last,
            }
            print(json.dumps(stats), flush=True)
    await stub.stop()


# -- a worker process ----------------------------------------------------------------------


async def _worker_main(url: str, name: str, tenant_rate: int) -> None:
    db = await Database.connect(url)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)

    async def no_token() -> str | None:
        return None

    config = DeliveryConfig(tenant_rate=tenant_rate, lease=LEASE, poll_interval=0.2)
    try:
        async with aiohttp.ClientSession() as http:
            connector = BotConnector(http, no_token, max_attempts=2, max_delay=30.0)
            governance = load_governance(DEFAULT_DATA_DIR)
            office = OfficeDirectory(
                governance, db.conversations, db.roster, frozenset(), "sodra-alvsborg"
            )
            clock = SystemClock()
            worker = DeliveryWorker(
                db.outbox,
                db.conversations,
                connector,
                office,
                DeliveryAlerts(governance, ZoneInfo("Europe/Stockholm")),
                clock,
                config,
                worker_id=name,
            )
            runner = JobRunner(
                clock, [Job("delivery", worker.next_round, every=0.2, on_stop=worker.stop)]
            )
            runner.start()
            await stop.wait()
            await runner.stop(grace=20.0)
    finally:
        await db.dispose()


# -- the driver ----------------------------------------------------------------------------


class _Process:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls, *args: str) -> _Process:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.delivery",
            *args,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        return cls(process)

    async def ask(self, line: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(line.encode() + b"\n")
        await self.process.stdin.drain()
        return (await self.process.stdout.readline()).decode().strip()

    async def first_line(self) -> str:
        assert self.process.stdout is not None
        return (await self.process.stdout.readline()).decode().strip()

    async def end(self, sig: int = signal.SIGTERM) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(sig)
        if self.process.stdin is not None:
            self.process.stdin.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.process.wait(), 15)
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()


def _text(n: int) -> str:
    return f"Kallelse till styrgruppens möte, kanal {n:03d}"


async def _fill(url: str, service_url: str) -> None:
    """500 channels bound to a group, each with its stored conversation and one due notice."""
    await upgrade_async(url)
    db = await Database.connect(url)
    try:
        now = SystemClock().now()
        for n in range(CHANNELS):
            channel = f"19:bench-{n:03d}@thread.tacv2"
            await db.conversations.save(
                StoredConversation(channel, ConversationKind.CHANNEL, service_url, TENANT, {})
            )
            await db.conversations.bind(
                ChannelBinding(channel, "sodra-alvsborg", "styrgrupp", "bench", f"Kanal {n}")
            )
            await db.outbox.enqueue(
                Post(
                    key=f"notice:bench-meeting:{channel}",
                    region="sodra-alvsborg",
                    group="styrgrupp",
                    conversation_id=channel,
                    due_at=now,
                    kind="notice",
                    activity={"type": "message", "text": _text(n)},
                )
            )
    finally:
        await db.dispose()


async def _scenario(
    label: str, url: str, workers: int, tenant_rate: int, kill_at: int | None
) -> list[str]:
    stub = await _Process.start("--stub")
    running: list[_Process] = []
    try:
        service_url = await stub.first_line()
        await _fill(url, service_url)
        running = [
            await _Process.start("--worker", url, f"bench-w{i}", str(tenant_rate))
            for i in range(workers)
        ]
        killed = False
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            stats = json.loads(await stub.ask("stats"))
            if kill_at is not None and not killed and len(stats["texts"]) >= kill_at:
                os.kill(running[0].process.pid, signal.SIGKILL)  # mid-round, leases held
                killed = True
            if len(stats["texts"]) >= CHANNELS:
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(LEASE.total_seconds() + 1)  # a late duplicate would show now
        stats = json.loads(await stub.ask("stats"))
    finally:
        for process in running:
            await process.end()
        await stub.end()
    expected = {_text(n) for n in range(CHANNELS)}
    arrived = set(stats["texts"]) & expected
    lost = len(expected - arrived)
    duplicates = stats["accepted"] - len(stats["texts"])
    elapsed = stats["last"] - stats["first"]
    minimum = math.ceil(CHANNELS / TENANT_LIMIT) - 1
    return [
        f"{label}: {CHANNELS} notices in {elapsed:.2f} s (minimum the limits allow {minimum} s, "
        f"ratio {elapsed / minimum:.3f}); lost {lost}, duplicates {duplicates}, "
        f"429s {stats['throttled']}"
    ]


async def run_delivery() -> list[str]:
    lines = [
        f"one tenant, {CHANNELS} channels; stand-in limits {TENANT_LIMIT}/s per tenant, "
        f"{CONVERSATION_LIMIT}/s per conversation, 429 with Retry-After"
    ]
    with tempfile.TemporaryDirectory() as tmp:
        lines += await _scenario(
            "1 worker, SQLite", f"sqlite:///{tmp}/bench.db", 1, TENANT_LIMIT, None
        )
    for rate in (TENANT_LIMIT // 2, TENANT_LIMIT):
        async with postgres_database() as url:
            if url is None:
                return [*lines, "2 workers, PostgreSQL: skipped (no server at " + ADMIN_URL + ")"]
            lines += await _scenario(
                f"2 workers ({rate}/s each), PostgreSQL, one SIGKILLed at half",
                url,
                2,
                rate,
                CHANNELS // 2,
            )
    return lines


def main(argv: list[str]) -> None:
    if argv[:1] == ["--stub"]:
        asyncio.run(_stub_main())
    elif argv[:1] == ["--worker"]:
        asyncio.run(_worker_main(argv[1], argv[2], int(argv[3])))
    else:
        print("== delivery: 500 notices through the outbox worker, Teams limits on ==")
        for line in asyncio.run(run_delivery()):
            print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
