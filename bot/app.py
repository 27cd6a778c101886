"""The aiohttp application, built by a factory: no module globals, one object per service.

`create_app(settings)` returns an app whose start-up opens the database (migrated, and
seeded from `data/` when empty), the connector's HTTP session and the Teams handler; its
clean-up closes them again. Tests build as many apps as they like, side by side.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

import aiohttp
from aiohttp import web

from bot.domain.loader import load_governance
from bot.domain.model import Governance
from bot.settings import Settings
from bot.store.cached import CachedRoster
from bot.store.database import Database
from bot.store.migrate import upgrade_async
from bot.store.seed import seed_governance
from bot.teams import calendar
from bot.teams.adapter import AppToken, FastAuthentication, create_adapter
from bot.teams.announcements import office_tools
from bot.teams.connector import BotConnector
from bot.teams.forwarding import OfficeForwarding
from bot.teams.handler import SamverkansHandler
from bot.teams.http import MAX_BODY, MessagesEndpoint
from bot.teams.identity import IdentityResolver
from bot.teams.survey_timer import SurveyTimer, start_survey_timer
from bot.teams.surveys import SurveyDesk, survey_desk
from bot.worker import build_planner, build_worker, start_in_background, start_planning
from dialogs.conversation import Conversation

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """Everything a running bot holds; built at start-up, closed at clean-up."""

    settings: Settings
    governance: Governance
    db: Database
    session: aiohttp.ClientSession
    connector: BotConnector
    conversation: Conversation
    handler: SamverkansHandler
    endpoint: MessagesEndpoint
    surveys: SurveyDesk


RUNTIME = web.AppKey("runtime", Runtime)


async def open_database(settings: Settings, governance: Governance) -> Database:
    """Migrate, connect, and fill an empty database from `data/`."""
    await upgrade_async(settings.database_url)
    db = await Database.connect(settings.database_url)
    if not await db.is_seeded():
        report = await seed_governance(db, governance)
        log.info("empty database seeded from data/: %s", "; ".join(report.lines()))
    return db


def now_in(settings: Settings) -> Callable[[], datetime]:
    return lambda: datetime.now(settings.timezone)


def create_app(settings: Settings, governance: Governance | None = None) -> web.Application:
    governance = governance or load_governance(settings.data_dir)
    app = web.Application(client_max_size=MAX_BODY)

    async def runtime_context(app: web.Application) -> AsyncIterator[None]:
        db = await open_database(settings, governance)
        session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=100, ttl_dns_cache=300)
        )
        stop_delivery: Callable[[], Awaitable[None]] | None = None
        stop_planning: Callable[[], Awaitable[None]] | None = None
        stop_survey_timer: Callable[[], Awaitable[None]] | None = None
        try:
            app[RUNTIME] = build_runtime(settings, governance, db, session)
            # Every instance also delivers the outbox (scheduled posts); claims are leased in
            # the database, so several instances never post the same thing twice.
            stop_delivery = start_in_background(build_worker(settings, governance, db, session))
            stop_planning = start_planning(build_planner(settings, governance, db))
            runtime = app[RUNTIME]
            timer = SurveyTimer(runtime.surveys, db, settings, runtime.conversation.default_region)
            stop_survey_timer = start_survey_timer(timer, now_in(settings))
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
            if stop_survey_timer is not None:
                await stop_survey_timer()
            if stop_planning is not None:
                await stop_planning()
            if stop_delivery is not None:
                await stop_delivery()  # before the session and database it uses close
            await session.close()
            await db.dispose()

    app.cleanup_ctx.append(runtime_context)
    app.router.add_post("/api/messages", _messages)
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/readyz", _readyz)
    calendar.register(app, lambda: app[RUNTIME].db, governance)
    return app


def build_runtime(
    settings: Settings, governance: Governance, db: Database, session: aiohttp.ClientSession
) -> Runtime:
    token = AppToken(settings)
    connector = BotConnector(session, token)
    authentication = FastAuthentication(settings, connector, token)
    roster = CachedRoster(db.roster)
    conversation = Conversation(
        governance,
        roster,
        db.conversations,
        db.meetings,
        settings.default_region,
        settings.timezone,
    )
    surveys = survey_desk(settings, governance, db, conversation, connector)
    handler = SamverkansHandler(
        conversation,
        IdentityResolver(roster, connector, settings),
        db.conversations,
        now_in(settings),
        submits=[
            OfficeForwarding(
                governance,
                conversation,
                db.questions,
                db.conversations,
                roster,
                connector,
                settings,
            ),
            office_tools(settings, governance, db, conversation, connector),
            surveys,
        ],
    )
    endpoint = MessagesEndpoint(
        create_adapter(authentication),
        handler,
        authentication,
        db.activities,
        settings.allowed_tenants,
        max_turns=db.concurrent_turns,
    )
    return Runtime(
        settings, governance, db, session, connector, conversation, handler, endpoint, surveys
    )


async def _messages(request: web.Request) -> web.StreamResponse:
    return await request.app[RUNTIME].endpoint.handle(request)


async def _healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "alive"})


async def _readyz(request: web.Request) -> web.Response:
    if await request.app[RUNTIME].db.ping():
        return web.json_response({"status": "ready"})
    return web.json_response({"status": "database unreachable"}, status=503)
