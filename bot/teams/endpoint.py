"""POST /api/messages: check the request, authenticate it, then run the turn.

Every bad request gets the 4xx it deserves and a log line; only the bot's own faults are
5xx (503 with Retry-After when the database cannot record the activity, so Teams retries).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from typing import Any

from aiohttp import web
from botbuilder.core import ActivityHandler, InvokeResponse
from botbuilder.schema import Activity

from bot.domain.ports import ActivityLog, Delivery, StoreUnavailable
from bot.teams.adapter import TeamsAdapter
from bot.teams.auth import AuthError, ChannelTokenValidator
from bot.teams.validate import Invalid, checked
from bot.teams.wire import MalformedActivity, read_activity

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
        tenant_data = channel_data.get("tenant")
        tenant = tenant_data.get("id") if isinstance(tenant_data, dict) else None
    return str(tenant or "").lower()


def try_again(seconds: int) -> web.Response:
    response = problem(503, "Boten är tillfälligt upptagen, försök igen.")
    response.headers["Retry-After"] = str(seconds)
    return response


class MessagesEndpoint:
    def __init__(
        self,
        adapter: TeamsAdapter,
        handler: ActivityHandler,
        validator: ChannelTokenValidator | None,  # None: authentication off (local use)
        activities: ActivityLog,
        allowed_tenants: frozenset[str],
        max_turns: int = 32,
    ) -> None:
        self._adapter = adapter
        self._handler = handler
        self._validator = validator
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
            body = checked(json.loads(raw))
        except (ValueError, UnicodeDecodeError, RecursionError) as err:
            # Invalid says what is wrong in Swedish; anything else is not JSON at all.
            reason = str(err) if isinstance(err, Invalid) else "Kroppen är inte giltig JSON."
            log.info("malformed activity refused: %s", reason)
            return problem(400, reason)
        missing = missing_fields(body)
        if missing:
            return problem(400, "Aktiviteten saknar " + ", ".join(missing) + ".")
        refused = await self._authenticate(body, request.headers.get("Authorization", ""))
        if refused is not None:
            return refused
        try:
            activity = read_activity(body)
        except MalformedActivity:
            log.info("activity %r could not be read", body.get("id"))
            return problem(400, "Aktivitetens fält har fel typ.")
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
            return await self._turn(activity)

    async def _turn(self, activity: Activity) -> web.StreamResponse:
        key = f"{activity.channel_id}|{activity.conversation.id}|{activity.id}"
        if activity.id:
            try:
                delivery = await self._activities.begin(key)
            except Exception:  # not the database being down (that is handled inside): a fault
                log.exception("could not claim activity %s; answering 503", activity.id)
                return try_again(2)
            if delivery is Delivery.ELSEWHERE:
                log.info("activity %s is being handled by another instance", activity.id)
                return try_again(5)
            if delivery is not Delivery.NEW:
                log.info("activity %s delivered again; %s", activity.id, delivery.value)
                return web.json_response({}, status=200)
        try:
            invoke = await self._adapter.process(activity, self._handler.on_turn)
        except StoreUnavailable:
            # The turn needed the database and it is down: no apology, Teams asks again.
            log.warning("activity %s: database unreachable; answering 503", activity.id)
            if activity.id:
                await self._activities.abandon(key)
            return try_again(5)
        except BaseException:
            if activity.id:
                await self._activities.abandon(key)
            raise
        if activity.id:
            self._activities.handled(key)  # written behind the answer, with other turns'
        if isinstance(invoke, InvokeResponse):
            return web.json_response(data=invoke.body, status=invoke.status or 200)
        return web.Response(status=201)

    async def _authenticate(self, body: Mapping[str, Any], header: str) -> web.Response | None:
        """None when the request may go on, else the response that refuses it."""
        if self._validator is None:
            return None
        try:
            await self._validator.validate(header, body["channelId"], body["serviceUrl"])
        except AuthError as err:
            log.warning(
                "refused activity %r on channel %r: %s (%s)",
                body.get("id"),
                body.get("channelId"),
                err.status,
                err,
            )
            if err.status == 503:
                response = problem(503, "Kan inte kontrollera inloggningen just nu.")
                response.headers["Retry-After"] = "30"
                return response
            if err.status == 403:
                return problem(403, "Nyckeln är inte godkänd för den här kanalen.")
            return problem(401, "Ogiltig eller saknad inloggning.")
        return None
