"""The aiohttp application, built by a factory: no module globals, one object per service.

`create_app(settings)` returns an app whose start-up opens the database (migrated, and
seeded from `data/` when empty), builds the bot (`bot.runtime`), the Teams seam and the job
runner, and starts the jobs; its clean-up stops the jobs (awaiting every task) and closes
the connections. Tests build as many apps as they like, side by side, each with its clock.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import aiohttp
from aiohttp import web

from bot import calendar_feed, teams
from bot.domain.clock import Clock, SystemClock
from bot.domain.library import merged
from bot.domain.loader import load_governance
from bot.domain.model import Governance
from bot.domain.search.hybrid import Embedder
from bot.downloads import HttpDownload
from bot.files import FileReader
from bot.library_watch import LibraryWatcher
from bot.runtime import Bot, LibraryWiring, build_bot
from bot.settings import Settings
from bot.store.database import Database
from bot.store.migrate import upgrade_async
from bot.store.seed import seed_governance
from bot.teams import BotConnector, MessagesEndpoint

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """Everything a running bot holds; built at start-up, closed at clean-up. `bot` is
    rebuilt when the office's library changes (`LibraryWatcher`)."""

    bot: Bot
    session: aiohttp.ClientSession
    connector: BotConnector
    endpoint: MessagesEndpoint
    library: LibraryWatcher

    @property
    def settings(self) -> Settings:
        return self.bot.settings

    @property
    def db(self) -> Database:
        return self.bot.db


RUNTIME = web.AppKey("runtime", Runtime)


async def open_database(settings: Settings, governance: Governance, clock: Clock) -> Database:
    """Migrate, connect, and fill an empty database from `data/`."""
    await upgrade_async(settings.database_url)
    db = await Database.connect(settings.database_url, clock, settings.instance_name)
    if not await db.is_seeded():
        report = await seed_governance(db, governance)
        log.info("empty database seeded from data/: %s", "; ".join(report.lines()))
    return db


async def library_governance(db: Database, base: Governance) -> tuple[Governance, frozenset[str]]:
    """`data/` with the office's library over it, and the regions the library added."""
    library = await db.library.load()
    return merged(base, library), frozenset(r.key for r in library.regions)


async def release_stale_claims(db: Database) -> None:
    """What a crashed process of this instance left claimed is free again at once: posts go
    out without waiting for their lease, activities are answered when Teams redelivers."""
    posts = await db.outbox.release_claims_of(db.instance)
    activities = await db.activities.release_stale()
    if posts or activities:
        log.warning(
            "took back %d posts and %d activities a previous process left claimed",
            posts,
            activities,
        )


def load_embedder() -> Embedder:
    from bot.embeddings import E5Embedder  # loads the engine: only where questions are answered

    return E5Embedder()


def new_session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100, ttl_dns_cache=300))


def create_app(
    settings: Settings,
    governance: Governance | None = None,
    clock: Clock | None = None,
    *,
    run_jobs: bool = True,
    embedder: Embedder | None = None,
) -> web.Application:
    """`run_jobs=False`: the jobs are built but not started (tests run them by hand).
    `embedder`: the sentence model to share (tests share one); else one is loaded."""
    base = governance or load_governance(settings.data_dir)
    clock = clock or SystemClock()
    app = web.Application(client_max_size=teams.MAX_BODY)

    async def runtime_context(app: web.Application) -> AsyncIterator[None]:
        db = await open_database(settings, base, clock)
        await release_stale_claims(db)
        session = new_session()
        watcher: LibraryWatcher | None = None
        endpoint: MessagesEndpoint | None = None
        try:
            connector, delivery_connector = teams.connectors(settings, session)
            model = embedder or await asyncio.to_thread(load_embedder)
            download = HttpDownload(session)

            async def build(on_change: Callable[[], None]) -> Bot:
                governance, added = await library_governance(db, base)
                return await build_bot(
                    settings,
                    governance,
                    db,
                    clock,
                    connector,
                    delivery_connector,
                    model,
                    library=LibraryWiring(
                        FileReader(settings.max_document_bytes), download, added, on_change
                    ),
                )

            watcher = LibraryWatcher(db.library, build, clock, run_jobs, settings.library_poll)
            bot = await watcher.start()
            endpoint = teams.messages_endpoint(
                settings,
                session,
                lambda: app[RUNTIME].bot.app,
                connector,
                db.conversations,
                db.activities,
                clock,
                db.concurrent_turns,
                db.queue,
            )
            app[RUNTIME] = Runtime(bot, session, connector, endpoint, watcher)
            # Left from before (a crash, a restart mid-burst) or stored from now on.
            endpoint.start()
            watcher.runtime = app[RUNTIME]
            # Everything built so far lives as long as the process: take it out of the
            # collector's generations, so collections during turns stay short.
            gc.collect()
            gc.freeze()
            if not settings.authentication_enabled:
                log.warning(
                    "MicrosoftAppId is empty: requests are NOT authenticated "
                    "(fine for Agents Playground and local tests, never in production)"
                )
            yield
        finally:
            if endpoint is not None:
                await endpoint.stop()  # between turns; what is left runs on the next start
            if watcher is not None:
                await watcher.stop()  # the jobs, before the session and database close
            await session.close()
            await db.dispose()

    app.cleanup_ctx.append(runtime_context)
    app.router.add_post("/api/messages", _messages)
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/readyz", _readyz)
    calendar_feed.register(
        app,
        lambda: app[RUNTIME].db.meetings,
        lambda: app[RUNTIME].bot.governance,
        clock,
        settings.timezone,
    )
    return app


async def _messages(request: web.Request) -> web.StreamResponse:
    return await request.app[RUNTIME].endpoint.handle(request)


async def _healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "alive"})


async def _readyz(request: web.Request) -> web.Response:
    if await request.app[RUNTIME].db.ping():
        return web.json_response({"status": "ready"})
    return web.json_response({"status": "database unreachable"}, status=503)
