"""A Bot Framework token issuer for authentication tests: OpenID metadata, JWKS, and mint().

Teams signs each activity it posts to the bot with a JWT from https://api.botframework.com.
This issuer plays that part locally::

    async with TokenIssuer() as issuer:
        token = issuer.mint(APP_ID, service_url)  # as Teams sends it, signed and endorsed

It runs on its own thread (see serve.py), so the bot's validator, which fetches the keys
with aiohttp on the test's loop, and anything blocking alike can reach it. Each JWKS key
carries ``endorsements``: every channel in ``channels`` gets its own kid endorsed for that
channel only, so ``mint(channel_id="webchat")`` gives a token a "msteams" activity must refuse.
The RSA keys are made once per process (slow to make).
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

    # Threaded: a client that blocks while fetching the keys must still get an answer.
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
