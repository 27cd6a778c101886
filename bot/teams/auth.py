"""Bot Framework authentication: checking the token Teams sends, and getting the bot's own.

Inbound, every activity carries a JWT signed by the Bot Connector. It is checked as the Bot
Framework documents (https://learn.microsoft.com/azure/bot-service/rest-api/
bot-framework-rest-connector-authentication): issuer https://api.botframework.com, audience
our app id, within its validity (five minutes' skew), signed by a key from the channel's
OpenID metadata that is endorsed for the activity's channel, and issued for the activity's
service URL. PyJWT does the cryptography; the keys are fetched with aiohttp (never blocking
the event loop), cached for a day and refetched at most every five minutes when an unknown
key id appears. Each failure is its own exception type, so the endpoint answers 401, 403
or 503 by type, never by reading a message.

Outbound, `AppToken` gets the bot's token for the connector from botframework's credential
factory (MSAL underneath), off the event loop, cached.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import aiohttp
import jwt
from botframework.connector.auth import (
    ManagedIdentityServiceClientCredentialsFactory,
    PasswordServiceClientCredentialFactory,
    ServiceClientCredentialsFactory,
)

from bot.settings import Settings

log = logging.getLogger(__name__)

CHANNEL_ISSUER = "https://api.botframework.com"
CHANNEL_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
CHANNEL_AUDIENCE = "https://api.botframework.com"
ALGORITHMS = ("RS256",)
LEEWAY_SECONDS = 300
KEYS_LIFETIME = 24 * 3600.0
UNKNOWN_KID_REFETCH = 300.0
MAX_TOKEN = 16 * 1024  # a Bot Connector token is about 1.5 KB
_TOKEN_LIFETIME = 30 * 60  # the bot's own tokens live about an hour; renew well before


class AuthError(Exception):
    """The request is not from the Bot Connector for this bot."""

    status = 401


class Unauthorized(AuthError):
    status = 401


class NotEndorsed(AuthError):
    """The signing key is not endorsed for the activity's channel."""

    status = 403


class KeysUnavailable(AuthError):
    """The signing keys could not be fetched: the request may be fine, try later."""

    status = 503


class ChannelTokenValidator:
    def __init__(self, session: aiohttp.ClientSession, app_id: str, metadata_url: str = "") -> None:
        self._session = session
        self._app_id = app_id
        self._metadata_url = metadata_url or CHANNEL_METADATA_URL
        self._keys: dict[str, dict[str, Any]] = {}
        self._fetched = float("-inf")  # monotonic time of the last fetch
        self._lock = asyncio.Lock()

    async def validate(self, header: str, channel_id: str, service_url: str) -> dict[str, Any]:
        """The token's claims; raises `AuthError` (by type) when it must be refused."""
        scheme, _, token = header.partition(" ")
        if scheme != "Bearer" or not token or len(token) > MAX_TOKEN:
            raise Unauthorized("no bearer token")
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError as err:
            raise Unauthorized("not a JWT") from err
        if not isinstance(kid, str) or not kid:
            raise Unauthorized("token has no key id")
        key = await self._key(kid)
        if key is None:
            raise Unauthorized("token signed with an unknown key")
        endorsements = key.get("endorsements")
        if isinstance(endorsements, list) and channel_id not in endorsements:
            raise NotEndorsed(f"key not endorsed for channel {channel_id!r}")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                jwt.PyJWK(key).key,
                algorithms=list(ALGORITHMS),
                audience=self._app_id,
                issuer=CHANNEL_ISSUER,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except (jwt.PyJWTError, ValueError, TypeError) as err:
            raise Unauthorized(f"token refused: {type(err).__name__}") from err
        if claims.get("serviceurl") != service_url:
            raise Unauthorized("token issued for another service URL")
        return claims

    async def _key(self, kid: str) -> dict[str, Any] | None:
        age = time.monotonic() - self._fetched
        if kid in self._keys and age < KEYS_LIFETIME:
            return self._keys[kid]
        if age < UNKNOWN_KID_REFETCH and self._keys:
            return self._keys.get(kid)
        async with self._lock:
            if time.monotonic() - self._fetched >= UNKNOWN_KID_REFETCH or not self._keys:
                await self._fetch()
        return self._keys.get(kid)

    async def _fetch(self) -> None:
        timeout = aiohttp.ClientTimeout(total=10)
        try:
            async with self._session.get(self._metadata_url, timeout=timeout) as response:
                response.raise_for_status()
                metadata = json.loads(await response.text())
            keys_url = metadata["jwks_uri"]
            async with self._session.get(keys_url, timeout=timeout) as response:
                response.raise_for_status()
                document = json.loads(await response.text())
            keys = {k["kid"]: k for k in document["keys"] if isinstance(k, dict) and "kid" in k}
        except (aiohttp.ClientError, TimeoutError, ValueError, KeyError, TypeError) as err:
            log.error("could not fetch the Bot Framework signing keys: %s", type(err).__name__)
            raise KeysUnavailable("signing keys unavailable") from err
        self._keys = keys
        self._fetched = time.monotonic()


def credentials_factory(settings: Settings) -> ServiceClientCredentialsFactory:
    """botframework's factory for the bot's credentials, by the app's type."""
    if settings.app_type == "UserAssignedMSI":
        return ManagedIdentityServiceClientCredentialsFactory(settings.app_id)
    tenant = settings.app_tenant_id if settings.app_type == "SingleTenant" else None
    return PasswordServiceClientCredentialFactory(
        settings.app_id or None, settings.app_password or None, tenant or None
    )


class AppToken:
    """The bot's token for calling the connector, fetched off the event loop and cached.

    With authentication off (no MicrosoftAppId) there is no token, like the Emulator.
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.factory = credentials_factory(settings)
        self._credentials: Any = None  # botframework AppCredentials (MSAL underneath)
        self._token: str | None = None
        self._fetched = 0.0
        self._lock = asyncio.Lock()

    async def __call__(self) -> str | None:
        if not self._settings.app_id:
            return None
        if self._token and time.monotonic() - self._fetched < _TOKEN_LIFETIME:
            return self._token
        async with self._lock:
            if self._credentials is None:
                self._credentials = await self.factory.create_credentials(
                    self._settings.app_id, CHANNEL_AUDIENCE, None, True
                )
            if not self._token or time.monotonic() - self._fetched >= _TOKEN_LIFETIME:
                self._token = await asyncio.to_thread(self._credentials.get_access_token)
                self._fetched = time.monotonic()
        return self._token
