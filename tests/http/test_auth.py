"""With MicrosoftAppId set, every request is validated as the Bot Framework requires.

Tokens come from a local issuer that publishes OpenID metadata and keys like
login.botframework.com; a bad token gets 401 (403 for a channel the key is not endorsed
for), never 500.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest

from bot.settings import Settings
from tests.http.conftest import BotUnderTest, SettingsHook
from tests.support.tokens import TokenIssuer

APP_ID = "5f0c5a43-6a1b-4a43-9a41-0d6b1b4f9e21"


@pytest.fixture
async def issuer() -> AsyncIterator[TokenIssuer]:
    async with TokenIssuer() as running:
        yield running


@pytest.fixture
def settings_hook(issuer: TokenIssuer) -> SettingsHook:
    def with_auth(settings: Settings) -> Settings:
        return replace(
            settings,
            app_id=APP_ID,
            app_password="test-password",
            openid_metadata_url=issuer.metadata_url,
        )

    return with_auth


def quiet_activity(bot: BotUnderTest) -> dict[str, Any]:
    """A channel message without a mention: authenticated, then deliberately not answered."""
    return bot.message(
        "hej",
        conversation="19:c@thread.skype",
        conversation_type="channel",
    )


async def test_valid_token_is_accepted(bot: BotUnderTest, issuer: TokenIssuer) -> None:
    token = issuer.mint(APP_ID, bot.service_url)
    response = await bot.post(quiet_activity(bot), {"Authorization": f"Bearer {token}"})
    assert response.status in (200, 201)


async def test_missing_token_is_401(bot: BotUnderTest) -> None:
    response = await bot.post(quiet_activity(bot))
    assert response.status == 401


@pytest.mark.parametrize(
    "header",
    ["Bearer abc", "Basic dXNlcjpwYXNz", "Bearer", "abc.def.ghi"],
)
async def test_malformed_token_is_401(bot: BotUnderTest, header: str) -> None:
    response = await bot.post(quiet_activity(bot), {"Authorization": header})
    assert response.status == 401


async def test_expired_token_is_401(bot: BotUnderTest, issuer: TokenIssuer) -> None:
    token = issuer.mint(APP_ID, bot.service_url, expires_in=-3600)
    response = await bot.post(quiet_activity(bot), {"Authorization": f"Bearer {token}"})
    assert response.status == 401


async def test_forged_token_is_401(bot: BotUnderTest, issuer: TokenIssuer) -> None:
    token = issuer.mint(APP_ID, bot.service_url, key="forged")
    response = await bot.post(quiet_activity(bot), {"Authorization": f"Bearer {token}"})
    assert response.status == 401


async def test_token_for_another_bot_is_401(bot: BotUnderTest, issuer: TokenIssuer) -> None:
    token = issuer.mint("0b1c2d3e-0000-4000-8000-000000000001", bot.service_url)
    response = await bot.post(quiet_activity(bot), {"Authorization": f"Bearer {token}"})
    assert response.status == 401


async def test_token_for_another_service_url_is_401(bot: BotUnderTest, issuer: TokenIssuer) -> None:
    token = issuer.mint(APP_ID, "https://smba.trafficmanager.net/emea/")
    response = await bot.post(quiet_activity(bot), {"Authorization": f"Bearer {token}"})
    assert response.status == 401


async def test_key_not_endorsed_for_the_channel_is_403(
    bot: BotUnderTest, issuer: TokenIssuer
) -> None:
    token = issuer.mint(APP_ID, bot.service_url, channel_id="webchat")
    response = await bot.post(quiet_activity(bot), {"Authorization": f"Bearer {token}"})
    assert response.status == 403
