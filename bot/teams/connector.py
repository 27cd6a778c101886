"""Calls to the Bot Connector REST API v3 over one shared aiohttp session (the `Messenger`).

The stock botframework ConnectorClient builds a requests session with a fresh retry policy
and hops to a thread for every call; at Teams' volumes that dominated a turn. This client
keeps one connection pool, honours Teams' 429 Retry-After, backs off with jitter on 5xx
and time-outs, and raises `SendFailed` for what retrying cannot fix (403, 404, …).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

import aiohttp

from bot.domain.messaging import JSON, SendFailed

log = logging.getLogger(__name__)

TokenSource = Callable[[], Awaitable[str | None]]


def _failed(status: int, method: str, path: str, detail: str = "") -> SendFailed:
    return SendFailed(status, f"{method} {path}: {detail[:200]}")


class BotConnector:
    def __init__(
        self,
        session: aiohttp.ClientSession,
        token: TokenSource,
        *,
        max_attempts: int = 5,
        base_delay: float = 0.5,
        max_delay: float = 30.0,
        timeout: float = 15.0,
    ) -> None:
        self._session = session
        self._token = token
        self._max_attempts = max_attempts
        self._base_delay = base_delay
        self._max_delay = max_delay
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def send(self, service_url: str, conversation_id: str, activity: JSON) -> JSON:
        path = f"v3/conversations/{_id(conversation_id)}/activities"
        return await self._call("POST", service_url, path, activity)

    async def reply(
        self, service_url: str, conversation_id: str, reply_to_id: str, activity: JSON
    ) -> JSON:
        path = f"v3/conversations/{_id(conversation_id)}/activities/{_id(reply_to_id)}"
        return await self._call("POST", service_url, path, activity)

    async def update(
        self, service_url: str, conversation_id: str, activity_id: str, activity: JSON
    ) -> JSON:
        path = f"v3/conversations/{_id(conversation_id)}/activities/{_id(activity_id)}"
        return await self._call("PUT", service_url, path, activity)

    async def delete(self, service_url: str, conversation_id: str, activity_id: str) -> None:
        path = f"v3/conversations/{_id(conversation_id)}/activities/{_id(activity_id)}"
        await self._call("DELETE", service_url, path, None)

    async def create_conversation(self, service_url: str, parameters: JSON) -> JSON:
        return await self._call("POST", service_url, "v3/conversations", parameters)

    async def member(self, service_url: str, conversation_id: str, member_id: str) -> JSON | None:
        path = f"v3/conversations/{_id(conversation_id)}/members/{_id(member_id)}"
        try:
            return await self._call("GET", service_url, path, None)
        except SendFailed as err:
            if err.status == 404:
                return None
            raise

    async def members(self, service_url: str, conversation_id: str) -> list[JSON]:
        path = f"v3/conversations/{_id(conversation_id)}/members"
        result = await self._call("GET", service_url, path, None)
        return list(result) if isinstance(result, list) else []

    async def _call(self, method: str, service_url: str, path: str, body: JSON | None) -> Any:
        url = service_url.rstrip("/") + "/" + path
        for attempt in range(1, self._max_attempts + 1):
            headers = {"User-Agent": "Samverkansboten/0.1"}
            token = await self._token()
            if token:
                headers["Authorization"] = f"Bearer {token}"
            try:
                async with self._session.request(
                    method, url, json=body, headers=headers, timeout=self._timeout
                ) as response:
                    if response.status < 300:
                        if response.status == 204 or response.content_length == 0:
                            return {}
                        return await response.json(content_type=None)
                    text = await response.text()
                    if response.status == 429 or response.status >= 500:
                        if attempt == self._max_attempts:
                            raise _failed(response.status, method, path, text)
                        delay = self._delay(attempt, response.headers.get("Retry-After"))
                        log.warning(
                            "connector %s %s answered %s; retrying in %.2f s (attempt %d)",
                            method,
                            path,
                            response.status,
                            delay,
                            attempt,
                        )
                        await asyncio.sleep(delay)
                        continue
                    raise _failed(response.status, method, path, text)
            except (aiohttp.ClientConnectionError, TimeoutError) as err:
                if attempt == self._max_attempts:
                    raise _failed(0, method, path, type(err).__name__) from err
                delay = self._delay(attempt, None)
                log.warning(
                    "connector %s %s failed (%r); retrying in %.2f s", method, path, err, delay
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable: the loop returns or raises")

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        """Retry-After when Teams gives it, else exponential backoff with full jitter."""
        if retry_after:
            try:
                return min(float(retry_after), self._max_delay) + random.uniform(0, 0.05)
            except ValueError:
                pass  # an HTTP date: fall back to our own backoff
        ceiling = min(self._max_delay, self._base_delay * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)


def _id(value: str) -> str:
    """Teams ids carry ':' '@' ';' and '/'; they must travel as one path segment."""
    return quote(value, safe="")
