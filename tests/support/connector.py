"""A local stand-in for the Bot Connector service (REST API v3) that Teams bots talk to.

Start it, give the bot its URL as the activity's serviceUrl, and everything the bot sends is
recorded instead of reaching Teams::

    async with ConnectorStub(per_conversation_per_second=7) as stub:
        stub.add_member("19:abc@thread.tacv2", {"id": "29:1", "name": "Anna"})
        ... drive the bot with service_url=stub.url ...
        activities = await stub.wait_for(2)

It runs on the test's own event loop, or with ``threaded=True`` on its own thread (needed
when the code under test makes blocking SDK calls, see serve.py). Built for benchmarks too:
one aiohttp low-level server, hand-written dispatch, no access log, no per-request logging.
Limits default to Teams' 7 messages/second per conversation: pass None to switch off.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from .routes import (
    Counters,
    Json,
    RecordedRequest,
    Reply,
    Team,
    read_request,
    roster_answer,
    route,
    team_answer,
    tenant_of,
)
from .serve import LocalServer
from .throttle import (
    ScriptedFailure,
    SlidingWindow,
    base_conversation,
    error_body,
    format_retry_after,
    retry_after_value,
    same_conversation,
)

# Operations that post into a conversation: the ones Teams rate-limits and ``sent`` lists.
WRITES = frozenset({"send", "reply", "update", "delete", "create_conversation"})


@dataclass(slots=True)
class _Waiter:
    count: int
    conversation_id: str | None
    seen: int
    future: asyncio.Future[None]
    loop: asyncio.AbstractEventLoop


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class ConnectorStub(LocalServer):
    """Bot Connector v3 on 127.0.0.1:<random port>. See the module docstring."""

    def __init__(
        self,
        *,
        per_conversation_per_second: int | None = 7,
        per_tenant_per_second: int | None = None,
        retry_after: float | None = None,
        delay: float = 0.0,
        page_size: int = 100,
        require_auth: bool = False,
        threaded: bool = False,
    ) -> None:
        # Teams allows a bot 7 messages per second per conversation; None switches a limit off.
        # Both limits may be changed while the stub runs.
        self.per_conversation_per_second = per_conversation_per_second
        self.per_tenant_per_second = per_tenant_per_second
        self.retry_after = retry_after  # None: the real time until the window frees
        self.delay = delay  # seconds to stall every request, to simulate a slow service
        self.page_size = page_size
        self.require_auth = require_auth
        # threaded=True serves from a thread of its own, for SDK calls that block the loop
        # (TeamsInfo.get_team_details/get_team_channels use the synchronous requests library).
        self.threaded = threaded
        self._threaded = threaded
        self.requests: list[RecordedRequest] = []
        self.activities: dict[tuple[str, str], Json] = {}  # latest state after update/delete
        self.counters = Counters()
        self.url = ""
        self._sent: list[tuple[str, Json]] = []  # (conversation id from the URL, activity)
        # Called with (conversation id, activity) after each accepted post: a test's way to
        # make something happen right after Teams has a message (a database outage, say).
        self.on_post: Callable[[str, Json], None] | None = None
        self._members: dict[str, dict[str, Json]] = {}
        self._tenants: dict[str, str] = {}
        self._teams: dict[str, Team] = {}
        self._scripts: list[ScriptedFailure] = []
        self._waiters: list[_Waiter] = []
        self._ids = itertools.count(int(time.time() * 1000))  # Teams ids look like epoch ms
        self._windows: dict[str, SlidingWindow] = {}
        self._server = None

    # -- lifecycle ---------------------------------------------------------------------------

    def _started(self, port: int) -> str:
        self.url = f"http://127.0.0.1:{port}/"
        return self.url

    # -- configuration -----------------------------------------------------------------------

    def add_member(self, conversation_id: str, member: dict[str, Json]) -> None:
        """Put a TeamsChannelAccount ({"id": "29:…", "name", "aadObjectId", …}) on the roster."""
        self._members.setdefault(conversation_id, {})[member["id"]] = dict(member)
        if member.get("tenantId"):
            self._tenants.setdefault(conversation_id, member["tenantId"])

    def add_team(
        self,
        team_id: str,
        name: str,
        channels: list[tuple[str, str | None]] | None = None,
        *,
        aad_group_id: str | None = None,
    ) -> None:
        """A team and its channels. In Teams the General channel's id is the team id."""
        self._teams[team_id] = Team(name, aad_group_id or str(uuid.uuid4()), list(channels or []))
        self._members.setdefault(team_id, {})

    def fail_next(
        self,
        status: int,
        times: int = 1,
        conversation_id: str | None = None,
        retry_after: float | None = None,
        *,
        operations: set[str] | None = None,
    ) -> None:
        """Answer the next ``times`` matching requests with ``status`` and an error body.

        Matches any request (GETs too) unless narrowed by ``conversation_id`` (a channel id
        also matches its threads) or ``operations`` (e.g. {"send", "reply"}). A 429 gets a
        Retry-After of ``retry_after`` seconds (default 1).
        """
        ops = frozenset(operations) if operations is not None else None
        self._scripts.append(ScriptedFailure(status, times, conversation_id, ops, retry_after))

    def reset(self) -> None:
        """Forget recorded traffic, counters, scripts and rate windows; keep rosters and teams."""
        self.requests.clear()
        self.activities.clear()
        self._sent.clear()
        self._scripts.clear()
        self.counters = Counters()
        self._windows.clear()

    # -- inspection --------------------------------------------------------------------------

    def sent(self, conversation_id: str | None = None) -> list[Json]:
        """Activities posted (send, reply, create with activity), oldest first.

        Each is the posted JSON with "id" set to the id the stub answered with. A channel id
        without ";messageid=" also matches the threads in that channel.
        """
        if conversation_id is None:
            return [activity for _, activity in self._sent]
        return [a for conv, a in self._sent if same_conversation(conversation_id, conv)]

    def requests_for(self, operation: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.operation == operation]

    async def wait_for(
        self, count: int, timeout: float = 5.0, conversation_id: str | None = None
    ) -> list[Json]:
        """Wait until ``count`` activities were sent (to ``conversation_id``); return them.

        Raises TimeoutError naming how many arrived. No polling: each send wakes the waiter.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(self.sent(conversation_id)) < count:
            waiter = _Waiter(count, conversation_id, 0, loop.create_future(), loop)
            self._waiters.append(waiter)
            # Count after registering: with threaded=True a send may land in between, and
            # this order can only wake us early (the loop re-checks), never miss a send.
            waiter.seen = len(self.sent(conversation_id))
            try:
                if waiter.seen < count:
                    await asyncio.wait_for(waiter.future, max(deadline - loop.time(), 0))
            except TimeoutError:
                got = len(self.sent(conversation_id))
                raise TimeoutError(
                    f"waited {timeout}s for {count} sent activities, got {got}"
                ) from None
            finally:
                self._waiters.remove(waiter)
        return self.sent(conversation_id)

    # -- HTTP --------------------------------------------------------------------------------

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        record, parts = await read_request(request)
        self.requests.append(record)
        headers: dict[str, str] = {}
        try:
            if isinstance(record.body, str):
                raise Reply(400, message="The body is not JSON.")
            route(record, parts)
            if self.delay:
                await asyncio.sleep(self.delay)
            if self.require_auth and not (record.authorization or "").startswith("Bearer "):
                raise Reply(401)
            self._scripted(record, headers)
            if record.operation in WRITES:
                self._throttle(record, headers)
            status, payload = self._answer(record, request)
        except Reply as reply:
            status, payload = reply.status, error_body(reply.status, reply.code, reply.message)
        record.status = status
        if status == 429:
            self.counters.throttled += 1
        text = "" if payload is None else json.dumps(payload)
        return web.Response(
            status=status, text=text, content_type="application/json", headers=headers
        )

    def _scripted(self, record: RecordedRequest, headers: dict[str, str]) -> None:
        for script in self._scripts:
            if script.matches(record.operation, record.conversation_id):
                script.remaining -= 1
                if script.remaining <= 0:
                    self._scripts.remove(script)
                self.counters.scripted_failures += 1
                if script.status == 429:
                    headers["Retry-After"] = format_retry_after(script.retry_after or 1)
                raise Reply(script.status)

    def _throttle(self, record: RecordedRequest, headers: dict[str, str]) -> None:
        """429 when over a limit. Both windows are checked before either records the write,
        so a refused request uses up no capacity anywhere."""
        now = time.monotonic()
        checks = []
        conversation = base_conversation(record.conversation_id or "")
        if self.per_tenant_per_second:
            tenant = tenant_of(record.body) or self._tenants.get(conversation)
            if tenant is not None:
                checks.append((self._window("tenant", self.per_tenant_per_second), tenant))
        if self.per_conversation_per_second:
            limit = self.per_conversation_per_second
            checks.append((self._window("conversation", limit), conversation))
        for window, key in checks:
            wait = window.wait(key, now)
            if wait is not None:
                headers["Retry-After"] = retry_after_value(wait, self.retry_after)
                raise Reply(429)
        for window, key in checks:
            window.record(key, now)

    def _window(self, kind: str, limit: int) -> SlidingWindow:
        # Looked up per request so a test or benchmark may change the limits while running.
        window = self._windows.get(kind)
        if window is None or window.limit != limit:
            window = self._windows[kind] = SlidingWindow(limit)
        return window

    def _answer(self, record: RecordedRequest, request: web.BaseRequest) -> tuple[int, Json]:
        op, conversation, activity_id = record.operation, record.conversation_id, record.activity_id
        if op in ("send", "reply"):
            new_id = str(next(self._ids))
            activity = dict(record.body or {}, id=new_id)
            activity.setdefault("conversation", {"id": conversation})
            if op == "reply":
                activity.setdefault("replyToId", activity_id)
            self._posted(conversation or "", activity)
            return 201, {"id": new_id}
        if op == "update":
            self.activities[(conversation or "", activity_id or "")] = record.body
            return 200, {"id": activity_id}
        if op == "delete":
            self.activities.pop((conversation or "", activity_id or ""), None)
            return 200, None
        if op == "create_conversation":
            return 201, self._create(record.body or {})
        if op in ("members", "member", "paged_members"):
            members = self._members.get(conversation or "")
            return 200, roster_answer(op, members, activity_id, request.query, self.page_size)
        if op in ("team", "channels"):
            team = self._teams.get(conversation or "")
            return 200, team_answer(op, conversation or "", team, self._members)
        raise Reply(404, "NotFound", f"No such resource: {record.method} {record.path}")

    def _posted(self, conversation: str, activity: Json) -> None:
        self._sent.append((conversation, activity))
        self.activities[(conversation, activity["id"])] = activity
        self.counters.accepted_sends += 1
        for waiter in tuple(self._waiters):  # a copy: wait_for may remove one meanwhile
            # Counting per waiter keeps a send O(waiters), not O(activities sent so far).
            if waiter.conversation_id is None or same_conversation(
                waiter.conversation_id, conversation
            ):
                waiter.seen += 1
                if waiter.seen >= waiter.count:
                    # The waiter may live on another loop than the handler (threaded=True).
                    waiter.loop.call_soon_threadsafe(_wake, waiter.future)
        if self.on_post is not None:
            self.on_post(conversation, activity)

    def _create(self, params: Json) -> Json:
        """ConversationParameters in, ConversationResourceResponse out, as Teams does it."""
        activity_id = str(next(self._ids))
        channel = ((params.get("channelData") or {}).get("channel") or {}).get("id")
        # In a channel Teams starts a thread named after its first message; else a 1:1 chat.
        new_id = f"{channel};messageid={activity_id}" if channel else "a:" + uuid.uuid4().hex
        if params.get("activity"):
            self._posted(
                new_id, dict(params["activity"], id=activity_id, conversation={"id": new_id})
            )
        return {"id": new_id, "activityId": activity_id, "serviceUrl": self.url}
