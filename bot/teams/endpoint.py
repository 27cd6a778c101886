"""POST /api/messages: check the request, authenticate it, then run the turn.

Every bad request gets the 4xx it deserves and a log line; only the bot's own faults are
5xx (503 with Retry-After when the database cannot record the activity, so Teams retries).
A card submit whose route is `queued` (a survey's answers, which come in bursts) is stored
and answered 202 at once; its turn runs behind (`QueuedTurns`), its reply sent as any other.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

from aiohttp import web
from botbuilder.core import ActivityHandler, InvokeResponse
from botbuilder.schema import Activity

from bot.domain.ports import ActivityLog, ActivityQueue, Delivery, StoreUnavailable
from bot.teams.adapter import TeamsAdapter
from bot.teams.auth import AuthError, ChannelTokenValidator
from bot.teams.queued import QueuedTurns
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


class Ran(Enum):
    """How a turn went, for the HTTP answer or the queue."""

    ANSWERED = "answered"
    REPEAT = "repeat"  # handled before, or being handled here now: nothing to do
    ELSEWHERE = "elsewhere"  # another instance claimed it moments ago
    UNAVAILABLE = "unavailable"  # the database was down: not handled, run it again
    FAULT = "fault"  # the claim itself failed


class MessagesEndpoint:
    def __init__(
        self,
        adapter: TeamsAdapter,
        handler: ActivityHandler,
        validator: ChannelTokenValidator | None,  # None: authentication off (local use)
        activities: ActivityLog,
        allowed_tenants: frozenset[str],
        max_turns: int = 32,
        queue: ActivityQueue | None = None,
        queued_actions: Callable[[], frozenset[str]] = frozenset,
    ) -> None:
        self._adapter = adapter
        self._handler = handler
        self._validator = validator
        self._activities = activities
        self._allowed_tenants = allowed_tenants
        self._turns = asyncio.Semaphore(max_turns)
        self._queued_actions = queued_actions  # the routes' (the app is rebuilt at times)
        self.queued = QueuedTurns(queue, self._run_queued) if queue is not None else None

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
        tenant = tenant_of(body)
        if self._allowed_tenants and tenant not in self._allowed_tenants:
            log.warning(
                "refused activity %r from tenant %r (not in BOT_ALLOWED_TENANTS)",
                body.get("id"),
                tenant,
            )
            return problem(403, "Klienten (tenant) är inte tillåten för den här boten.")
        if self.queued is not None and self._is_queued(body):
            # Stored as checked above; botbuilder reads it when its turn runs (that read
            # costs more than everything else at the door, and a burst waits for the door).
            return await self._enqueue(body)
        try:
            activity = read_activity(body)
        except MalformedActivity:
            log.info("activity %r could not be read", body.get("id"))
            return problem(400, "Aktivitetens fält har fel typ.")
        # Turns that reach the database wait here rather than in its connection pool, whose
        # time-out would turn a burst of turns into lost requests.
        async with self._turns:
            ran, invoke = await self._run(activity)
        if ran is Ran.FAULT:
            return try_again(2)
        if ran is Ran.ELSEWHERE:
            return try_again(5)
        if ran is Ran.UNAVAILABLE:
            return try_again(5)  # Teams delivers it again
        if ran is Ran.REPEAT:
            return web.json_response({}, status=200)
        if isinstance(invoke, InvokeResponse):
            return web.json_response(data=invoke.body, status=invoke.status or 200)
        return web.Response(status=201)

    def _is_queued(self, body: Mapping[str, Any]) -> bool:
        """A card submit (with an id, so a resend is known) whose route is queued."""
        value = body.get("value")
        action = value.get("action") if isinstance(value, dict) else None
        return (
            body.get("type") == "message"
            and isinstance(body.get("id"), str)
            and bool(body["id"])
            and isinstance(action, str)
            and action in self._queued_actions()
        )

    async def _enqueue(self, body: dict[str, Any]) -> web.StreamResponse:
        assert self.queued is not None
        key = _key(body["channelId"], body["conversation"]["id"], body["id"])
        try:
            await self.queued.put(key, body)
        except StoreUnavailable:
            log.warning("activity %s: database unreachable; answering 503", body["id"])
            return try_again(5)
        except Exception:
            log.exception("could not queue activity %s; answering 503", body["id"])
            return try_again(2)
        return web.Response(status=202)

    async def _run_queued(self, body: dict[str, Any]) -> bool:
        try:
            activity = read_activity(body)
        except MalformedActivity:  # checked at the door, yet not what botbuilder reads
            log.error("queued activity %r could not be read; dropped", body.get("id"))
            return True
        async with self._turns:
            ran, _ = await self._run(activity)
        # Another instance's claim: run it again later (the claim lapses if that one died).
        return ran not in (Ran.UNAVAILABLE, Ran.ELSEWHERE, Ran.FAULT)

    async def _run(self, activity: Activity) -> tuple[Ran, Any]:
        """Claim the activity (when it has an id), run its turn, record it as handled."""
        key = _key(activity.channel_id, activity.conversation.id, activity.id)
        if activity.id:
            try:
                delivery = await self._activities.begin(key)
            except Exception:  # not the database being down (that is handled inside): a fault
                log.exception("could not claim activity %s", activity.id)
                return Ran.FAULT, None
            if delivery is Delivery.ELSEWHERE:
                log.info("activity %s is being handled by another instance", activity.id)
                return Ran.ELSEWHERE, None
            if delivery is not Delivery.NEW:
                log.info("activity %s delivered again; %s", activity.id, delivery.value)
                return Ran.REPEAT, None
        try:
            invoke = await self._adapter.process(activity, self._handler.on_turn)
        except StoreUnavailable:
            # The turn needed the database and it is down: no apology, it runs again.
            log.warning("activity %s: database unreachable", activity.id)
            if activity.id:
                await self._activities.abandon(key)
            return Ran.UNAVAILABLE, None
        except BaseException:
            if activity.id:
                await self._activities.abandon(key)
            raise
        if activity.id:
            self._activities.handled(key)  # written behind the answer, with other turns'
        return Ran.ANSWERED, invoke

    def start(self) -> None:
        if self.queued is not None:
            self.queued.start()

    async def stop(self) -> None:
        if self.queued is not None:
            await self.queued.stop()

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


def _key(channel_id: str, conversation_id: str, activity_id: str) -> str:
    return f"{channel_id}|{conversation_id}|{activity_id}"
