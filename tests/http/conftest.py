"""A running bot over real HTTP, with a local Bot Connector stand-in for its replies.

The bot runs on the test's `clock` (see tests/conftest.py); its jobs are built but not
started, so a test runs planning, delivery and the survey clock when it means to
(`bot.jobs.run_now(...)`, or the feature objects in `bot.features`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any
from uuid import uuid4

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.app import RUNTIME, Runtime, create_app
from bot.domain.clock import FixedClock, today
from bot.domain.loader import load_governance
from bot.domain.model import Governance
from bot.domain.search.hybrid import Embedder
from bot.settings import DEFAULT_DATA_DIR, Settings
from bot.store.imports import import_roster
from bot.teams.connector import BotConnector
from dialogs.notices.alerts import DeliveryAlerts
from dialogs.notices.delivery import DeliveryConfig, DeliveryWorker
from dialogs.office import OfficeDirectory
from dialogs.routes import Features
from tests.support.connector import ConnectorStub

REGION_KEY = "sodra-alvsborg"
OFFICE_EMAIL = "kansliet@exempel.invalid"
CHAIR_EMAIL = "anna.ordf@exempel.invalid"

ROSTER = Path(__file__).with_name("roster.csv")  # fictional people


@cache
def governance() -> Governance:
    return load_governance(DEFAULT_DATA_DIR)


@dataclass
class BotUnderTest:
    url: str  # .../api/messages
    base: str
    stub: ConnectorStub
    service_url: str
    http: aiohttp.ClientSession
    server: TestServer
    clock: FixedClock

    async def post(
        self, body: Any, headers: dict[str, str] | None = None
    ) -> aiohttp.ClientResponse:
        response = await self.http.post(self.url, json=body, headers=headers)
        await response.read()
        if response.status == 202:  # stored, answered behind: the test reads the reply next
            queued = self.runtime.endpoint.queued
            assert queued is not None
            await queued.settled()
        return response

    def message(self, text: str, **overrides: Any) -> dict[str, Any]:
        return make_message(self.service_url, text, **overrides)

    @property
    def runtime(self) -> Runtime:
        return self.server.app[RUNTIME]

    @property
    def features(self) -> Features:
        return self.runtime.bot.features


def make_message(
    service_url: str,
    text: str,
    *,
    conversation: str = "a:personal-1",
    conversation_type: str = "personal",
    user: str = "29:user-1",
    aad: str = "aad-user-1",
    tenant: str = "11111111-2222-3333-4444-555555555555",
    entities: list[dict[str, Any]] | None = None,
    channel_data: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "type": "message",
        "id": uuid4().hex,
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": user, "name": "Användare", "aadObjectId": aad},
        "recipient": {"id": "28:bot-id", "name": "Samverkansboten"},
        "conversation": {
            "id": conversation,
            "conversationType": conversation_type,
            "tenantId": tenant,
        },
        "text": text,
        "locale": "sv-SE",
        "entities": entities or [],
        "channelData": channel_data or {"tenant": {"id": tenant}},
    }


SettingsHook = Callable[[Settings], Settings]


@pytest.fixture
def settings_hook() -> SettingsHook:
    """Override in a test module to change the bot's settings."""
    return lambda settings: settings


@pytest.fixture
async def bot(
    request: pytest.FixtureRequest,
    database_url: str,
    tmp_path: Path,
    settings_hook: SettingsHook,
    clock: FixedClock,
    embedder: Embedder,
) -> AsyncIterator[BotUnderTest]:
    stub = ConnectorStub()
    service_url = await stub.start()
    settings = settings_hook(
        replace(
            Settings(),
            database_url=database_url,
            office_users=frozenset({OFFICE_EMAIL}),
        )
    )
    # Jobs run only for tests marked `jobs` (as `serve` runs them); others drive them.
    run_jobs = request.node.get_closest_marker("jobs") is not None
    app = create_app(settings, governance(), clock, run_jobs=run_jobs, embedder=embedder)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    runtime = app[RUNTIME]
    await import_roster(runtime.db, governance(), ROSTER, today=today(clock, settings.timezone))
    http = aiohttp.ClientSession()
    base = str(server.make_url("/"))
    try:
        yield BotUnderTest(base + "api/messages", base, stub, service_url, http, server, clock)
    finally:
        await http.close()
        await server.close()
        await stub.stop()


def delivery_worker(
    bot: BotUnderTest, name: str, *, attempts: int = 2, config: DeliveryConfig | None = None
) -> DeliveryWorker:
    """A delivery worker on the bot's own database, HTTP session and clock, without a token,
    retrying fast."""

    async def no_token() -> str | None:
        return None

    runtime = bot.runtime
    features = runtime.bot.features
    assert features.delivery is not None
    return DeliveryWorker(
        runtime.db.outbox,
        runtime.db.conversations,
        BotConnector(runtime.session, no_token, max_attempts=attempts, base_delay=0.01, timeout=5),
        OfficeDirectory(
            governance(), runtime.db.conversations, runtime.db.roster, frozenset(), REGION_KEY
        ),
        DeliveryAlerts(governance(), runtime.settings.timezone),
        bot.clock,
        config or DeliveryConfig(poll_interval=0.05),
        worker_id=name,
    )
