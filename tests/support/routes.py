"""Request records, routing and small answer builders for the Bot Connector stub.

Split from ``connector.py`` to keep both files short; nothing here holds state.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from aiohttp import web

Json = Any


@dataclass(slots=True)
class RecordedRequest:
    """One request as the stub received it; ``at`` is time.monotonic()."""

    method: str
    path: str  # raw, still percent-encoded, without the query string
    operation: str  # send, reply, update, delete, create_conversation, members, member,
    # paged_members, team, channels or unknown
    conversation_id: str | None
    activity_id: str | None
    body: Json
    headers: dict[str, str]
    at: float
    status: int = 0

    @property
    def authorization(self) -> str | None:
        return self.headers.get("Authorization")


@dataclass(slots=True)
class Counters:
    accepted_sends: int = 0  # send, reply and create-with-activity answered 2xx
    throttled: int = 0  # every 429, from the rate limit or fail_next
    scripted_failures: int = 0


@dataclass(slots=True)
class Team:
    name: str
    aad_group_id: str
    channels: list[tuple[str, str | None]] = field(default_factory=list)


class Reply(Exception):
    """Raised inside a handler to answer with an error; keeps the happy path flat."""

    def __init__(self, status: int, code: str | None = None, message: str | None = None) -> None:
        super().__init__(status)
        self.status, self.code, self.message = status, code, message


async def read_request(request: web.BaseRequest) -> tuple[RecordedRequest, list[str]]:
    """The request as a record (route still unknown) and its decoded path segments.

    A body that is not JSON is kept as text, for the caller to answer 400.
    """
    raw_path = request.rel_url.raw_path
    # Split before decoding: msrest sends ids quote(..., safe="")-encoded, so ":", "@", ";" and
    # even "/" arrive as %3A, %40, %3B, %2F; decoding first would split an id on its "/".
    parts = [unquote(p) for p in raw_path.split("/") if p]
    body: Json = None
    if request.body_exists:
        raw = await request.read()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
    headers = dict(request.headers)
    record = RecordedRequest(
        request.method, raw_path, "unknown", None, None, body, headers, time.monotonic()
    )
    return record, parts


def tenant_of(body: Json) -> str | None:
    """The tenant a write belongs to, as Teams puts it in the activity or parameters."""
    if not isinstance(body, dict):
        return None
    conversation = body.get("conversation") or {}
    # The Python SDK serialises ConversationAccount.tenant_id as "tenantID"; Teams sends "tenantId".
    tenant = body.get("tenantId") or conversation.get("tenantId") or conversation.get("tenantID")
    if not tenant:
        tenant = ((body.get("channelData") or {}).get("tenant") or {}).get("id")
    return tenant or None


def route(record: RecordedRequest, parts: list[str]) -> None:
    """Fill in operation, conversation id and activity/member id, or raise 404/405."""
    method, n = record.method, len(parts)
    if n < 2 or parts[0] != "v3":
        raise Reply(404, "NotFound", f"No such resource: {record.path}")
    if parts[1] == "teams" and n in (3, 4) and (n == 3 or parts[3] == "conversations"):
        record.operation, record.conversation_id = ("team" if n == 3 else "channels"), parts[2]
        allowed = {"GET"}
    elif parts[1] != "conversations":
        raise Reply(404, "NotFound", f"No such resource: {record.path}")
    elif n == 2:
        record.operation, allowed = "create_conversation", {"POST"}
    else:
        record.conversation_id = parts[2]
        tail = tuple(parts[3:])
        record.activity_id = parts[4] if n == 5 else None
        if tail == ("activities",):
            record.operation, allowed = "send", {"POST"}
        elif n == 5 and parts[3] == "activities":
            record.operation = {"POST": "reply", "PUT": "update", "DELETE": "delete"}.get(
                method, "reply"
            )
            allowed = {"POST", "PUT", "DELETE"}
        elif tail == ("members",):
            record.operation, allowed = "members", {"GET"}
        elif n == 5 and parts[3] == "members":
            record.operation, allowed = "member", {"GET"}
        elif tail == ("pagedmembers",):
            record.operation, allowed = "paged_members", {"GET"}
        else:
            raise Reply(404, "NotFound", f"No such resource: {record.path}")
    if method not in allowed:
        raise Reply(405)


def roster_answer(
    op: str,
    members: dict[str, Json] | None,
    member_id: str | None,
    query: Mapping[str, str],
    page_size: int,
) -> Json:
    """GET members (a list), members/{id} (one account) or pagedmembers (a page)."""
    if members is None:
        raise Reply(404)
    if op == "member":
        if member_id not in members:
            raise Reply(404, "MemberNotFoundInConversation", "The member was not found.")
        return members[member_id]
    roster = list(members.values())
    if op == "members":
        return roster
    size = int(query.get("pageSize") or page_size)
    # The token is just the next offset: opaque to the bot, as the real one is.
    start = int(query.get("continuationToken") or 0)
    page: Json = {"members": roster[start : start + size]}
    if start + size < len(roster):
        page["continuationToken"] = str(start + size)
    return page


def team_answer(
    op: str, team_id: str, team: Team | None, members: Mapping[str, dict[str, Json]]
) -> Json:
    """GET teams/{id} (TeamDetails) or teams/{id}/conversations (ConversationList)."""
    if team is None:
        raise Reply(404, "TeamNotFound", "The team was not found.")
    if op == "channels":
        return {"conversations": [{"id": cid, "name": name} for cid, name in team.channels]}
    return {
        "id": team_id,
        "name": team.name,
        "aadGroupId": team.aad_group_id,
        "channelCount": len(team.channels),
        "memberCount": len(members.get(team_id, {})),
        "type": "standard",
    }
