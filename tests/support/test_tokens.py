"""Tokens from TokenIssuer pass Bot Framework's own validation; bad ones are refused.

The exception types asserted here are the table in tokens.py's docstring: the app maps them
to 401/403 (CloudAdapter.process itself only turns PermissionError into 401).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import jwt
import pytest
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount
from botframework.connector.auth import BotFrameworkAuthentication

from .tokens import TokenIssuer, kid_for

APP_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
SERVICE_URL = "https://smba.trafficmanager.net/emea/"


@pytest.fixture
async def issuer() -> AsyncIterator[TokenIssuer]:
    async with TokenIssuer() as running:
        yield running


@pytest.fixture
def auth(issuer: TokenIssuer) -> BotFrameworkAuthentication:
    return issuer.authentication(APP_ID, "secret")


def activity(channel_id: str = "msteams", service_url: str = SERVICE_URL) -> Activity:
    return Activity(
        type="message",
        text="hjälp",
        channel_id=channel_id,
        service_url=service_url,
        from_property=ChannelAccount(id="29:1anna", name="Anna"),
        recipient=ChannelAccount(id="28:" + APP_ID, name="Samverkansboten"),
        conversation=ConversationAccount(id="a:1personal"),
    )


async def test_good_token_authenticates(
    issuer: TokenIssuer, auth: BotFrameworkAuthentication
) -> None:
    token = issuer.mint(APP_ID, SERVICE_URL)
    result = await auth.authenticate_request(activity(), f"Bearer {token}")
    claims = result.claims_identity.claims
    assert result.claims_identity.is_authenticated
    assert claims["aud"] == APP_ID and claims["iss"] == "https://api.botframework.com"
    assert claims["serviceurl"] == SERVICE_URL
    assert result.audience == "https://api.botframework.com"
    # The documents were fetched once for this URL; later requests use botframework's cache.
    fetched = issuer.fetches
    await auth.authenticate_request(activity(), f"Bearer {issuer.mint(APP_ID, SERVICE_URL)}")
    assert issuer.fetches == fetched


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


Case = tuple[Callable[[TokenIssuer], str], dict[str, Any], type[BaseException], str | None]
BAD: dict[str, Case] = {
    "expired": (
        lambda i: i.mint(APP_ID, SERVICE_URL, expires_in=-600),
        {},
        jwt.ExpiredSignatureError,
        "expired",
    ),
    "not yet valid": (
        lambda i: i.mint(APP_ID, SERVICE_URL, not_before=time.time() + 900),
        {},
        jwt.ImmatureSignatureError,
        None,
    ),
    "forged": (
        lambda i: i.mint(APP_ID, SERVICE_URL, key="forged"),
        {},
        jwt.InvalidSignatureError,
        "Signature verification failed",
    ),
    "wrong audience": (
        lambda i: i.mint("someone-else", SERVICE_URL),
        {},
        PermissionError,
        "Invalid AppId",
    ),
    "wrong issuer": (
        lambda i: i.mint(APP_ID, SERVICE_URL, issuer="https://evil.example"),
        {},
        PermissionError,
        "Identity missing",
    ),
    "wrong service url": (
        lambda i: i.mint(APP_ID, "https://evil.example/"),
        {},
        PermissionError,
        "serviceurl",
    ),
    "channel not endorsed": (
        lambda i: i.mint(APP_ID, SERVICE_URL, channel_id="webchat"),
        {"channel_id": "msteams"},
        Exception,
        "endorsement",
    ),
    "unknown kid": (lambda i: i.mint(APP_ID, SERVICE_URL, kid="nope"), {}, IndexError, None),
}


@pytest.mark.parametrize("case", list(BAD))
async def test_bad_tokens_are_refused(
    issuer: TokenIssuer, auth: BotFrameworkAuthentication, case: str
) -> None:
    make, activity_args, error, message = BAD[case]
    with pytest.raises(error, match=message) as caught:
        await auth.authenticate_request(activity(**activity_args), f"Bearer {make(issuer)}")
    if error is Exception:  # the endorsement failure is a bare Exception, nothing narrower
        assert type(caught.value) is Exception


async def test_missing_or_garbage_header(auth: BotFrameworkAuthentication) -> None:
    with pytest.raises(PermissionError):
        await auth.authenticate_request(activity(), None)
    with pytest.raises(AttributeError):  # what CloudAdapter passes when the header is absent
        await auth.authenticate_request(activity(), "")
    with pytest.raises(jwt.DecodeError):
        await auth.authenticate_request(activity(), "Bearer abc")


def test_mint_refuses_unknown_channel(issuer: TokenIssuer) -> None:
    with pytest.raises(ValueError, match="no key"):
        issuer.mint(APP_ID, SERVICE_URL, channel_id="slack")
