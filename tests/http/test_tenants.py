"""BOT_ALLOWED_TENANTS: activities from other tenants are refused with 403 and logged."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.settings import Settings
from tests.http.conftest import BotUnderTest, SettingsHook

ALLOWED = "99999999-8888-7777-6666-555555555555"


@pytest.fixture
def settings_hook() -> SettingsHook:
    def allow_one(settings: Settings) -> Settings:
        return replace(settings, allowed_tenants=frozenset({ALLOWED}))

    return allow_one


async def test_tenant_not_allowed_is_403(bot: BotUnderTest) -> None:
    response = await bot.post(bot.message("Vem är ordförande i styrgruppen?"))
    assert response.status == 403
    assert bot.stub.sent() == []
    allowed = await bot.post(bot.message("hjälp", tenant=ALLOWED))
    assert allowed.status in (200, 201)
