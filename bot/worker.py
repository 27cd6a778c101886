"""Wiring for the delivery worker: in `serve` (see `bot.app`) or alone (`python -m bot worker`).

    python -m bot worker    # delivers the outbox until SIGINT/SIGTERM; no web server

Run it beside `serve` instances or instead of their built-in worker: claims are leased in
the database (see `bot.store.outbox`), so any number of workers deliver each post once.
With several workers in one tenant, Teams' per-tenant limit is shared: give each a share
(`DeliveryConfig.tenant_rate`).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress

import aiohttp

from bot.domain.delivery_rules import load_delivery_rules
from bot.domain.loader import load_governance
from bot.domain.model import Governance, GroupKind
from bot.domain.names import match_region
from bot.planner import Planner
from bot.scheduler import DeliveryConfig, DeliveryWorker
from bot.settings import Settings
from bot.store.database import Database
from bot.teams.adapter import AppToken
from bot.teams.connector import BotConnector

log = logging.getLogger(__name__)


def office_groups_of(
    governance: Governance, default_region: str
) -> Callable[[str], Sequence[tuple[str, str]]]:
    """Where to tell the office of a region: its office group, else the default region's."""
    default = match_region(governance, default_region)

    def office_groups(region: str) -> Sequence[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for key in dict.fromkeys([region, default.key if default else region]):
            data = governance.region(key)
            groups = data.groups if data else ()
            found += [(key, g.key) for g in groups if g.kind is GroupKind.OFFICE]
        return found

    return office_groups


def delivery_connector(session: aiohttp.ClientSession, token: AppToken) -> BotConnector:
    """A connector that gives up fast: one retry (honouring Retry-After), then the outbox
    schedules the post again, so one slow conversation never holds a worker for long."""
    return BotConnector(session, token, max_attempts=2, base_delay=0.5, max_delay=30.0)


def build_worker(
    settings: Settings,
    governance: Governance,
    db: Database,
    session: aiohttp.ClientSession,
    config: DeliveryConfig | None = None,
) -> DeliveryWorker:
    connector = delivery_connector(session, AppToken(settings))
    groups = office_groups_of(governance, settings.default_region)
    config = config or DeliveryConfig(tenant_rate=settings.tenant_rate)
    return DeliveryWorker(db.outbox, db.conversations, connector, groups, config)


def build_planner(settings: Settings, governance: Governance, db: Database) -> Planner:
    """What puts notices, reminders and minutes posts into the outbox when they are due."""
    rules = load_delivery_rules(settings.data_dir, governance)
    return Planner(
        governance,
        rules,
        db.meetings,
        db.conversations,
        db.roster,
        db.outbox,
        office_groups_of(governance, settings.default_region),
        settings.timezone,
        settings.public_url,
    )


def start_planning(planner: Planner) -> Callable[[], Awaitable[None]]:
    """Run the planner's rounds as a task; the returned coroutine function stops it."""
    stop = asyncio.Event()
    task = asyncio.create_task(planner.run(stop), name="planner")

    async def shutdown(grace: float = 5.0) -> None:
        stop.set()
        with suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(task, grace)

    return shutdown


def start_in_background(worker: DeliveryWorker) -> Callable[[], Awaitable[None]]:
    """Run `worker` as a task; the returned coroutine function stops it (graceful, then
    cancelled after a few seconds) and waits for it to end."""
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop), name=f"delivery {worker.worker_id}")

    async def shutdown(grace: float = 5.0) -> None:
        stop.set()
        with suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(task, grace)

    return shutdown


async def run_worker(settings: Settings, config: DeliveryConfig | None = None) -> int:
    """Deliver until SIGINT or SIGTERM; the exit code for the command line."""
    # Imported here: bot.app imports this module to start the worker inside `serve`.
    from bot.app import open_database

    governance = load_governance(settings.data_dir)
    db = await open_database(settings, governance)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        async with aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=100, ttl_dns_cache=300)
        ) as session:
            worker = build_worker(settings, governance, db, session, config)
            stop_planning = start_planning(build_planner(settings, governance, db))
            print(f"Utskicken planeras och levereras (arbetare {worker.worker_id}); "
                  "avsluta med Ctrl-C.")
            try:
                await worker.run(stop)
            finally:
                await stop_planning()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        await db.dispose()
    return 0
