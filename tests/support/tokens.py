"""A Bot Framework token issuer for authentication tests: OpenID metadata, JWKS, and mint().

Teams signs each activity it posts to the bot with a JWT from https://api.botframework.com.
This issuer plays that part locally::

    async with TokenIssuer() as issuer:
        auth = issuer.authentication(APP_ID, "secret")  # BotFrameworkAuthentication
        token = issuer.mint(APP_ID, service_url)
        await auth.authenticate_request(activity, f"Bearer {token}")

How botframework-connector 4.17 validates a channel token, and what that means here:

* Only the *parameterized* authentication reads our URL: BotFrameworkAuthenticationFactory
  .create(to_bot_from_channel_open_id_metadata_url=...). It then also needs
  ``to_bot_from_channel_token_issuer="https://api.botframework.com"``: left out, the allowed
  issuer list is [None] and every token is refused. ``authentication()`` sets both.
* JwtTokenExtractor fetches metadata and keys with the *blocking* ``requests`` library from
  inside the coroutine, so this server runs in its own thread (see serve.py): on the test's
  loop it could never answer.
* It caches per metadata URL in a class-level dict, keys for a day and refreshes on an unknown
  kid at most hourly. The RSA keys are therefore made once per process and kids are fixed, so
  a later issuer that happens to get the same port serves exactly what is cached.
* Each JWKS key carries ``endorsements``; the activity's channelId must be among them. Every
  channel in ``channels`` gets its own kid endorsed for that channel only, so
  ``mint(channel_id="webchat")`` gives a token that a "msteams" activity must refuse.
* Tokens with a "ver" claim are taken for skill tokens and tokens from the emulator's issuers
  go the emulator path; ``mint`` makes neither unless asked through ``extra_claims``/``issuer``.

What ``authenticate_request`` raises (CloudAdapter.process turns only PermissionError into
401; everything else escapes as a 500 unless the app maps it, e.g. jwt.PyJWTError -> 401):

=========================================  =================================================
bad token                                  exception
=========================================  =================================================
expired (exp more than 300 s ago)          jwt.ExpiredSignatureError (a jwt.PyJWTError)
not yet valid (nbf more than 300 s ahead)  jwt.ImmatureSignatureError (a jwt.PyJWTError)
forged signature                           jwt.InvalidSignatureError (a jwt.PyJWTError)
wrong audience (not our app id)            PermissionError("Invalid AppId passed on token…")
wrong issuer                               PermissionError("Identity missing")
serviceurl claim ≠ activity serviceUrl     PermissionError("Invalid 'serviceurl' claim")
channel not endorsed by the key            Exception("Could not validate endorsement key")
kid not in the JWKS                        IndexError (botframework's key lookup)
not a JWT at all ("Bearer abc")            jwt.DecodeError (a jwt.PyJWTError)
no Authorization header (None)             PermissionError
empty Authorization header ("")            AttributeError: CloudAdapter passes "" (not None)
                                           when the header is missing, and the SDK then
                                           dereferences a None identity
=========================================  =================================================

tests/support/test_tokens.py asserts every row.
"""

from __future__ import annotations

import base64
import functools
import json
import time
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

import jwt
from aiohttp import web
from botframework.connector.auth import (
    BotFrameworkAuthentication,
    BotFrameworkAuthenticationFactory,
    PasswordServiceClientCredentialFactory,
)
from cryptography.hazmat.primitives.asymmetric import rsa

from .serve import LocalServer

BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
METADATA_PATH = "/v1/.well-known/openidconfiguration"
KEYS_PATH = "/v1/.well-known/keys"
DEFAULT_CHANNELS = ("msteams", "webchat", "emulator", "directline")


@functools.cache
def _private_key(name: str) -> rsa.RSAPrivateKey:
    """One key per name per process: slow to make, and botframework caches the public half."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def kid_for(channel_id: str) -> str:
    return f"samverkansboten-test-{channel_id}"


class TokenIssuer(LocalServer):
    """OpenID metadata + JWKS on 127.0.0.1:<free port> (own thread), and a JWT minter."""

    def __init__(self, *, channels: Iterable[str] = DEFAULT_CHANNELS) -> None:
        self.channels = tuple(channels)
        self.base_url = ""
        self.fetches = 0  # metadata + key documents served, to observe botframework's caching
        self._server = None

    @property
    def metadata_url(self) -> str:
        return self.base_url + METADATA_PATH

    # Threaded: botframework fetches the keys with blocking `requests` (see serve.py).
    _threaded = True

    def _started(self, port: int) -> str:
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    def jwks(self) -> dict[str, Any]:
        numbers = _private_key("good").public_key().public_numbers()
        keys = [
            {
                "kty": "RSA",
                "use": "sig",
                "alg": "RS256",
                "kid": kid_for(channel),
                "n": _b64(numbers.n),
                "e": _b64(numbers.e),
                "endorsements": [channel],
            }
            for channel in self.channels
        ]
        return {"keys": keys}

    def metadata(self) -> dict[str, Any]:
        return {
            "issuer": BOT_FRAMEWORK_ISSUER,
            "authorization_endpoint": "https://invalid.botframework.com",
            "jwks_uri": self.base_url + KEYS_PATH,
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        }

    def mint(
        self,
        app_id: str,
        service_url: str,
        *,
        channel_id: str = "msteams",
        expires_in: float = 3600,
        issuer: str = BOT_FRAMEWORK_ISSUER,
        audience: str | None = None,
        key: Literal["good", "forged"] = "good",
        kid: str | None = None,
        not_before: float | datetime | None = None,
        extra_claims: dict[str, Any] | None = None,
    ) -> str:
        """An RS256 JWT as the Bot Connector sends it to the bot.

        ``expires_in`` is relative to now (negative: already expired; botframework allows 300 s
        of clock skew). ``not_before`` is an absolute time (epoch seconds or datetime), default
        now. ``key="forged"`` signs with another private key under the same kid, so only the
        signature is wrong. ``kid`` overrides the channel's kid (e.g. an unknown one).
        """
        if kid is None:
            if channel_id not in self.channels:
                raise ValueError(f"channel {channel_id!r} has no key; issuer has {self.channels}")
            kid = kid_for(channel_id)
        now = time.time()
        if isinstance(not_before, datetime):
            not_before = not_before.timestamp()
        claims: dict[str, Any] = {
            "iss": issuer,
            "aud": app_id if audience is None else audience,
            "serviceurl": service_url,
            "nbf": int(now if not_before is None else not_before),
            "iat": int(now),
            "exp": int(now + expires_in),
            **(extra_claims or {}),
        }
        return jwt.encode(claims, _private_key(key), algorithm="RS256", headers={"kid": kid})

    def authentication(
        self, app_id: str, password: str = "test-password"
    ) -> BotFrameworkAuthentication:
        """Bot Framework authentication that trusts this issuer, as the app should build it."""
        return BotFrameworkAuthenticationFactory.create(
            to_bot_from_channel_open_id_metadata_url=self.metadata_url,
            to_bot_from_channel_token_issuer=BOT_FRAMEWORK_ISSUER,
            # Emulator-looking tokens would otherwise fetch Microsoft's real metadata.
            to_bot_from_emulator_open_id_metadata_url=self.metadata_url,
            to_channel_from_bot_oauth_scope=BOT_FRAMEWORK_ISSUER,
            to_channel_from_bot_login_url="https://login.microsoftonline.com/botframework.com",
            credential_factory=PasswordServiceClientCredentialFactory(app_id, password),
        )

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        if request.method != "GET":
            return web.Response(status=405)
        if request.path == METADATA_PATH:
            document = self.metadata()
        elif request.path == KEYS_PATH:
            document = self.jwks()
        else:
            return web.Response(status=404)
        self.fetches += 1
        return web.Response(text=json.dumps(document), content_type="application/json")
