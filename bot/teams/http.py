"""POST /api/messages: check the request, authenticate it, then hand it to the adapter.

The stock CloudAdapter.process answers 500 to a missing Content-Type, bad JSON and
several token failures; here every bad request gets the 4xx it deserves and a log line,
and only the bot's own faults are 5xx.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from typing import Any

from aiohttp import web
from botbuilder.core import Bot, serializer_helper
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity

from bot.domain.ports import ActivityLog
from bot.teams.adapter import FastAuthentication

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024  # 1 MiB: a Teams activity is a few KiB; anything larger is not one


def problem(status: int, message: str) -> web.Response:
    return web.json_response({"error": {"code": status, "message": message}}, status=status)


def missing_fields(body: Mapping[str, Any]) -> list[str]:
    """The fields every activity the bot can act on must carry."""
    missing = [f for f in ("type", "channelId", "serviceUrl") if not isinstance(body.get(f), str)]
    for parent in ("conversation", "from"):
        value = body.get(parent)
        if not isinstance(value, dict) or not isinstance(value.get("id"), str):
            missing.append(f"{parent}.id")
    return missing


def tenant_of(body: Mapping[str, Any]) -> str:
    conversation = body.get("conversation") or {}
    channel_data = body.get("channelData") or {}
    tenant = conversation.get("tenantId") if isinstance(conversation, dict) else None
    if not tenant and isinstance(channel_data, dict):
        tenant = (channel_data.get("tenant") or {}).get("id")
    return str(tenant or "").lower()


class MessagesEndpoint:
    def __init__(
        self,
        adapter: CloudAdapter,
        bot: Bot,
        authentication: FastAuthentication,
        activities: ActivityLog,
        allowed_tenants: frozenset[str],
        max_turns: int = 32,
    ) -> None:
        self._adapter = adapter
        self._bot = bot
        self._authentication = authentication
        self._activities = activities
        self._allowed_tenants = allowed_tenants
        self._turns = asyncio.Semaphore(max_turns)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if request.content_length is not None and request.content_length > MAX_BODY:
            return problem(413, "Aktiviteten är större än 1 MiB.")
        if request.content_type != "application/json":
            return problem(415, "Skicka aktiviteten som application/json.")
        try:
            raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return problem(413, "Aktiviteten är större än 1 MiB.")
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return problem(400, "Kroppen är inte giltig JSON.")
        if not isinstance(body, dict):
            return problem(400, "Kroppen ska vara en aktivitet (ett JSON-objekt).")
        missing = missing_fields(body)
        if missing:
            return problem(400, "Aktiviteten saknar " + ", ".join(missing) + ".")
        try:
            activity = Activity().deserialize(body)
        except Exception:  # msrest raises several types for wrongly typed fields
            log.info("activity could not be read", exc_info=True)
            return problem(400, "Aktivitetens fält har fel typ.")

        refused = await self._authenticate(activity, request.headers.get("Authorization", ""))
        if isinstance(refused, web.Response):
            return refused
        tenant = tenant_of(body)
        if self._allowed_tenants and tenant not in self._allowed_tenants:
            log.warning(
                "refused activity %s from tenant %r (not in BOT_ALLOWED_TENANTS)",
                activity.id,
                tenant,
            )
            return problem(403, "Klienten (tenant) är inte tillåten för den här boten.")
        # Turns that reach the database wait here rather than in its connection pool, whose
        # time-out would turn a burst (2,000 survey answers at once) into lost requests.
        async with self._turns:
            return await self._turn(activity, refused)

    async def _turn(self, activity: Activity, auth: Any) -> web.StreamResponse:
        if activity.id:
            key = f"{activity.channel_id}|{activity.conversation.id}|{activity.id}"
            try:
                first = await self._activities.first_delivery(key)
            except Exception:  # the database is down or saturated: ask the channel to retry
                log.exception("could not record activity %s; answering 503", activity.id)
                response = problem(503, "Boten är tillfälligt överbelastad, försök igen.")
                response.headers["Retry-After"] = "2"
                return response
            if not first:
                log.info("activity %s delivered again; already handled", activity.id)
                return web.json_response({}, status=200)

        invoke_response = await self._adapter.process_activity(auth, activity, self._bot.on_turn)
        if invoke_response:
            return web.json_response(
                data=serializer_helper(invoke_response.body), status=invoke_response.status
            )
        return web.Response(status=201)

    async def _authenticate(self, activity: Activity, header: str) -> Any:
        """The authentication result, or the 401/403/503 response that refuses the request."""
        try:
            return await self._authentication.authenticate_request(activity, header)
        except PermissionError as err:
            return self._refuse(activity, err)
        except Exception as err:
            text = str(err).lower()
            if "metadata" in text or "connect" in text or isinstance(err, OSError):
                log.error("cannot validate tokens right now: %r", err)
                return problem(503, "Kan inte kontrollera inloggningen just nu.")
            return self._refuse(activity, err)

    @staticmethod
    def _refuse(activity: Activity, err: Exception) -> web.Response:
        text = str(err).lower()
        status = 403 if "endorse" in text else 401
        log.warning(
            "refused activity %s on channel %s: %s (%s)",
            activity.id,
            activity.channel_id,
            status,
            err,
        )
        if status == 403:
            return problem(403, "Nyckeln är inte godkänd för den här kanalen.")
        return problem(401, "Ogiltig eller saknad inloggning.")
