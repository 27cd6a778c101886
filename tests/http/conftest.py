"""A running bot over real HTTP, with a local Bot Connector stand-in for its replies."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from uuid import uuid4

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.app import RUNTIME, create_app
from bot.domain.loader import load_governance
from bot.domain.model import Governance
from bot.settings import DEFAULT_DATA_DIR, Settings
from bot.store.imports import import_roster
from tests.support.connector import ConnectorStub

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

    async def post(
        self, body: Any, headers: dict[str, str] | None = None
    ) -> aiohttp.ClientResponse:
        response = await self.http.post(self.url, json=body, headers=headers)
        await response.read()
        return response

    def message(self, text: str, **overrides: Any) -> dict[str, Any]:
        return make_message(self.service_url, text, **overrides)

    @property
    def runtime(self) -> Any:
        return self.server.app[RUNTIME]


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
    database_url: str, tmp_path: Path, settings_hook: SettingsHook
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
    app = create_app(settings, governance())
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    runtime = app[RUNTIME]
    await import_roster(runtime.db, governance(), ROSTER, today=date.today())
    http = aiohttp.ClientSession()
    base = str(server.make_url("/"))
    try:
        yield BotUnderTest(base + "api/messages", base, stub, service_url, http, server)
    finally:
        await http.close()
        await server.close()
        await stub.stop()
