"""The Bot Connector's tokens, checked by `ChannelTokenValidator` against a local issuer
(OpenID metadata and keys served like login.botframework.com's): a good token passes, each
kind of bad one is refused with its own exception type, which the endpoint maps to 401,
403 or 503 without reading a message."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable

import aiohttp
import jwt
import pytest

from bot.teams.auth import (
    AuthError,
    ChannelTokenValidator,
    KeysUnavailable,
    NotEndorsed,
    Unauthorized,
)
from tests.support.tokens import TokenIssuer, kid_for

APP_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
SERVICE_URL = "https://smba.trafficmanager.net/emea/"


@pytest.fixture
async def issuer() -> AsyncIterator[TokenIssuer]:
    async with TokenIssuer() as running:
        yield running


@pytest.fixture
async def validator(issuer: TokenIssuer) -> AsyncIterator[ChannelTokenValidator]:
    async with aiohttp.ClientSession() as session:
        yield ChannelTokenValidator(session, APP_ID, issuer.metadata_url)


async def test_good_token_authenticates_and_keys_are_fetched_once(
    issuer: TokenIssuer, validator: ChannelTokenValidator
) -> None:
    token = issuer.mint(APP_ID, SERVICE_URL)
    claims = await validator.validate(f"Bearer {token}", "msteams", SERVICE_URL)
    assert claims["aud"] == APP_ID and claims["iss"] == "https://api.botframework.com"
    assert claims["serviceurl"] == SERVICE_URL
    fetched = issuer.fetches
    await validator.validate(f"Bearer {issuer.mint(APP_ID, SERVICE_URL)}", "msteams", SERVICE_URL)
    assert issuer.fetches == fetched == 2  # metadata and keys, once


def test_token_shape(issuer: TokenIssuer) -> None:
    token = issuer.mint(APP_ID, SERVICE_URL, expires_in=60)
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256" and header["kid"] == kid_for("msteams")
    claims = jwt.decode(token, options={"verify_signature": False})
    assert {"iss", "aud", "serviceurl", "nbf", "exp", "iat"} <= claims.keys()
    assert claims["exp"] - claims["iat"] == 60
    keys = issuer.jwks()["keys"]
    teams = next(k for k in keys if k["kid"] == kid_for("msteams"))
    assert teams["endorsements"] == ["msteams"] and teams["kty"] == "RSA"
    assert issuer.metadata()["jwks_uri"].endswith("/v1/.well-known/keys")


Case = tuple[Callable[[TokenIssuer], str], str, type[AuthError]]
BAD: dict[str, Case] = {
    "expired": (lambda i: i.mint(APP_ID, SERVICE_URL, expires_in=-600), "msteams", Unauthorized),
    "not yet valid": (
        lambda i: i.mint(APP_ID, SERVICE_URL, not_before=time.time() + 900),
        "msteams",
        Unauthorized,
    ),
    "forged": (lambda i: i.mint(APP_ID, SERVICE_URL, key="forged"), "msteams", Unauthorized),
    "wrong audience": (lambda i: i.mint("someone-else", SERVICE_URL), "msteams", Unauthorized),
    "wrong issuer": (
        lambda i: i.mint(APP_ID, SERVICE_URL, issuer="https://evil.example"),
        "msteams",
        Unauthorized,
    ),
    "wrong service url": (
        lambda i: i.mint(APP_ID, "https://evil.example/"),
        "msteams",
        Unauthorized,
    ),
    "channel not endorsed": (
        lambda i: i.mint(APP_ID, SERVICE_URL, channel_id="webchat"),
        "msteams",
        NotEndorsed,
    ),
    "unknown kid": (lambda i: i.mint(APP_ID, SERVICE_URL, kid="nope"), "msteams", Unauthorized),
}


@pytest.mark.parametrize("case", list(BAD))
async def test_bad_tokens_are_refused_by_type(
    issuer: TokenIssuer, validator: ChannelTokenValidator, case: str
) -> None:
    make, channel, error = BAD[case]
    with pytest.raises(error):
        await validator.validate(f"Bearer {make(issuer)}", channel, SERVICE_URL)


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer abc", "Basic abc", "x" * 20_000])
async def test_missing_or_garbage_header(validator: ChannelTokenValidator, header: str) -> None:
    with pytest.raises(Unauthorized):
        await validator.validate(header, "msteams", SERVICE_URL)


async def test_unreachable_keys_are_a_503_not_a_401(issuer: TokenIssuer) -> None:
    async with aiohttp.ClientSession() as session:
        validator = ChannelTokenValidator(session, APP_ID, "http://127.0.0.1:1/metadata")
        with pytest.raises(KeysUnavailable) as caught:
            await validator.validate(
                f"Bearer {issuer.mint(APP_ID, SERVICE_URL)}", "msteams", SERVICE_URL
            )
    assert caught.value.status == 503


def test_mint_refuses_unknown_channel(issuer: TokenIssuer) -> None:
    with pytest.raises(ValueError, match="no key"):
        issuer.mint(APP_ID, SERVICE_URL, channel_id="slack")
