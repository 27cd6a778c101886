"""The Bot Connector stub answers like the real service, through the SDK's own clients."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from urllib.parse import quote

import aiohttp
import pytest
from botbuilder.schema import (
    Activity,
    ChannelAccount,
    ConversationAccount,
    ConversationParameters,
)
from botframework.connector.aio import ConnectorClient
from botframework.connector.teams import TeamsConnectorClient
from msrest.authentication import BasicTokenAuthentication
from msrest.exceptions import HttpOperationError

from .connector import ConnectorStub
from .throttle import SlidingWindow

CHANNEL = "19:abc123@thread.tacv2"
THREAD = CHANNEL + ";messageid=1700000000000"
PERSONAL = "a:1xYz-Personal_Chat"
TEAM = "19:team0@thread.tacv2"
ANNA = {
    "id": "29:1anna",
    "name": "Anna Andersson",
    "aadObjectId": "6a2f6a9a-0000-4000-8000-000000000001",
    "email": "anna.andersson@vgregion.se",
    "userPrincipalName": "anna.andersson@vgregion.se",
    "tenantId": "tenant-1",
}
TOKEN = BasicTokenAuthentication({"access_token": "test-token"})


@pytest.fixture
async def stub() -> AsyncIterator[ConnectorStub]:
    async with ConnectorStub(per_conversation_per_second=None) as running:
        yield running


def client(stub: ConnectorStub) -> ConnectorClient:
    return ConnectorClient(TOKEN, base_url=stub.url)


def message(text: str) -> Activity:
    return Activity(type="message", text=text)


async def test_send_decodes_ids_and_records(stub: ConnectorStub) -> None:
    assert stub.url.startswith("http://127.0.0.1:") and stub.url.endswith("/")
    response = await client(stub).conversations.send_to_conversation(THREAD, message("Hej"))
    assert response.id
    (sent,) = stub.sent(THREAD)
    assert sent["text"] == "Hej" and sent["id"] == response.id
    assert stub.sent(CHANNEL) == [sent]  # a channel id also matches its threads
    assert stub.sent("19:other@thread.tacv2") == []
    (request,) = stub.requests
    assert request.operation == "send" and request.conversation_id == THREAD
    assert "%3A" in request.path and "%3B" in request.path  # the SDK encodes, the stub decodes
    assert request.authorization == "Bearer test-token"
    assert request.body["text"] == "Hej"
    assert stub.counters.accepted_sends == 1


async def test_encoded_slash_in_id(stub: ConnectorStub) -> None:
    odd = "a:odd/id@x;y"
    async with aiohttp.ClientSession() as http:
        url = f"{stub.url}v3/conversations/{quote(odd, safe='')}/activities"
        async with http.post(url, json={"type": "message"}) as response:
            assert response.status == 201
    assert stub.requests[0].conversation_id == odd


async def test_reply_update_delete(stub: ConnectorStub) -> None:
    conversations = client(stub).conversations
    first = await conversations.send_to_conversation(PERSONAL, message("ett"))
    reply = await conversations.reply_to_activity(PERSONAL, first.id, message("två"))
    assert [a["text"] for a in stub.sent(PERSONAL)] == ["ett", "två"]
    assert stub.sent()[1]["replyToId"] == first.id
    updated = await conversations.update_activity(PERSONAL, reply.id, message("två, rättad"))
    assert updated.id == reply.id
    assert stub.activities[(PERSONAL, reply.id)]["text"] == "två, rättad"
    await conversations.delete_activity(PERSONAL, first.id)
    assert (PERSONAL, first.id) not in stub.activities
    ops = [r.operation for r in stub.requests]
    assert ops == ["send", "reply", "update", "delete"]


async def test_create_conversation_in_channel_and_personal(stub: ConnectorStub) -> None:
    conversations = client(stub).conversations
    params = ConversationParameters(
        is_group=True,
        channel_data={"channel": {"id": CHANNEL}, "tenant": {"id": "tenant-1"}},
        activity=message("Kallelse till AU"),
    )
    thread = await conversations.create_conversation(params)
    assert thread.id == f"{CHANNEL};messageid={thread.activity_id}"
    assert thread.service_url == stub.url
    assert [a["text"] for a in stub.sent(CHANNEL)] == ["Kallelse till AU"]
    chat = await conversations.create_conversation(
        ConversationParameters(members=[ChannelAccount(id=ANNA["id"])], tenant_id="tenant-1")
    )
    assert chat.id.startswith("a:")
    assert len(stub.sent()) == 1  # no activity, nothing posted


async def test_members(stub: ConnectorStub) -> None:
    for n in range(5):
        stub.add_member(CHANNEL, dict(ANNA, id=f"29:{n}", name=f"Person {n}"))
    conversations = client(stub).conversations
    members = await conversations.get_conversation_members(CHANNEL)
    assert [m.id for m in members] == [f"29:{n}" for n in range(5)]
    one = await conversations.get_conversation_member(CHANNEL, "29:3")
    assert one.name == "Person 3"
    with pytest.raises(HttpOperationError) as missing:
        await conversations.get_conversation_member(CHANNEL, "29:nobody")
    assert missing.value.response.status_code == 404
    assert missing.value.response.json()["error"]["code"] == "MemberNotFoundInConversation"
    page = await conversations.get_conversation_paged_members(CHANNEL, page_size=2)
    ids = [m.id for m in page.members]
    while page.continuation_token:
        page = await conversations.get_conversation_paged_members(
            CHANNEL, page_size=2, continuation_token=page.continuation_token
        )
        ids += [m.id for m in page.members]
    assert ids == [f"29:{n}" for n in range(5)]


async def test_team_details_and_channels_with_the_blocking_sdk_client() -> None:
    # The SDK's Teams client uses blocking requests: only a threaded stub can answer it.
    async with ConnectorStub(threaded=True) as stub:
        stub.add_team(TEAM, "Styrgruppen", channels=[(TEAM, None), (CHANNEL, "AU")])
        stub.add_member(TEAM, ANNA)
        teams = TeamsConnectorClient(TOKEN, base_url=stub.url).teams
        details = await asyncio.to_thread(teams.get_team_details, TEAM)
        assert (details.id, details.name, details.member_count) == (TEAM, "Styrgruppen", 1)
        channels = await asyncio.to_thread(teams.get_teams_channels, TEAM)
        assert [(c.id, c.name) for c in channels.conversations] == [(TEAM, None), (CHANNEL, "AU")]
        with pytest.raises(HttpOperationError):
            await asyncio.to_thread(teams.get_team_details, "19:unknown@thread.tacv2")
        # Sends from the thread still wake a waiter on this loop.
        waiting = asyncio.ensure_future(stub.wait_for(1))
        await client(stub).conversations.send_to_conversation(CHANNEL, message("x"))
        assert len(await waiting) == 1


async def test_throttling_per_conversation() -> None:
    stub = ConnectorStub(per_conversation_per_second=3)
    async with stub, aiohttp.ClientSession() as http:
        statuses, retry_after, bodies = [], [], []
        for _ in range(5):
            url = f"{stub.url}v3/conversations/{quote(CHANNEL, safe='')}/activities"
            async with http.post(url, json={"type": "message"}) as response:
                statuses.append(response.status)
                retry_after.append(response.headers.get("Retry-After"))
                bodies.append(await response.json())
        other = f"{stub.url}v3/conversations/{quote(PERSONAL, safe='')}/activities"
        async with http.post(other, json={"type": "message"}) as response:
            assert response.status == 201  # another conversation has its own window
    assert statuses == [201, 201, 201, 429, 429]
    assert retry_after[:3] == [None] * 3
    assert all(0 < float(value or 0) <= 1 for value in retry_after[3:])
    assert bodies[3]["error"]["code"] == "Throttled"
    assert stub.counters.accepted_sends == 4 and stub.counters.throttled == 2


async def test_throttling_per_tenant_and_fixed_retry_after() -> None:
    async with ConnectorStub(
        per_conversation_per_second=None, per_tenant_per_second=2, retry_after=2
    ) as stub:
        conversations = client(stub).conversations

        def in_tenant(conversation_id: str, tenant: str) -> Activity:
            account = ConversationAccount(id=conversation_id, tenant_id=tenant)
            return Activity(type="message", conversation=account)

        for n in range(2):
            await conversations.send_to_conversation(f"a:{n}", in_tenant(f"a:{n}", "t1"))
        with pytest.raises(HttpOperationError) as throttled:
            await conversations.send_to_conversation("a:9", in_tenant("a:9", "t1"))
        assert throttled.value.response.status_code == 429
        assert throttled.value.response.headers["Retry-After"] == "2"
        await conversations.send_to_conversation("a:9", in_tenant("a:9", "t2"))


def test_sliding_window() -> None:
    window = SlidingWindow(2, window=1.0)
    assert window.admit("c", 10.0) is None
    assert window.admit("c", 10.5) is None
    assert window.admit("c", 10.6) == pytest.approx(0.4)
    assert window.admit("c", 11.0) is None  # the 10.0 event left the window
    assert window.admit("d", 11.0) is None


@pytest.mark.parametrize("status", [403, 404, 429, 500, 502])
async def test_scripted_failures(stub: ConnectorStub, status: int) -> None:
    stub.fail_next(status, times=2, conversation_id=CHANNEL, retry_after=0.25)
    conversations = client(stub).conversations
    await conversations.send_to_conversation(PERSONAL, message("other conversation"))
    for _ in range(2):
        with pytest.raises(HttpOperationError) as failed:
            await conversations.send_to_conversation(THREAD, message("x"))
        assert failed.value.response.status_code == status
        assert "code" in failed.value.response.json()["error"]
    if status == 429:
        assert failed.value.response.headers["Retry-After"] == "0.250"
        assert stub.counters.throttled == 2
    await conversations.send_to_conversation(THREAD, message("now it works"))
    assert [a["text"] for a in stub.sent()] == ["other conversation", "now it works"]
    assert stub.counters.scripted_failures == 2


async def test_fail_next_by_operation(stub: ConnectorStub) -> None:
    stub.add_member(CHANNEL, ANNA)
    stub.fail_next(403, operations={"send", "reply"})
    conversations = client(stub).conversations
    await conversations.get_conversation_members(CHANNEL)  # not a send: passes
    with pytest.raises(HttpOperationError):
        await conversations.send_to_conversation(CHANNEL, message("x"))


async def test_wait_for_and_timeout(stub: ConnectorStub) -> None:
    async def later() -> None:
        await asyncio.sleep(0.05)
        for text in ("a", "b"):
            await client(stub).conversations.send_to_conversation(CHANNEL, message(text))

    task = asyncio.ensure_future(later())
    got = await stub.wait_for(2, timeout=2, conversation_id=CHANNEL)
    assert [a["text"] for a in got] == ["a", "b"]
    await task
    with pytest.raises(TimeoutError, match="got 2"):
        await stub.wait_for(3, timeout=0.05)


async def test_delay_unknown_paths_and_auth() -> None:
    async with ConnectorStub(require_auth=True) as stub, aiohttp.ClientSession() as http:
        async with http.get(f"{stub.url}v3/nothing") as response:
            assert response.status == 404
            assert (await response.json())["error"]["code"] == "NotFound"
        url = f"{stub.url}v3/conversations/{quote(CHANNEL, safe='')}/activities"
        async with http.get(url) as response:
            assert response.status == 405
        async with http.post(url, json={"type": "message"}) as response:
            assert response.status == 401
        stub.delay = 0.05
        started = time.monotonic()
        headers = {"Authorization": "Bearer x"}
        async with http.post(url, json={"type": "message"}, headers=headers) as response:
            assert response.status == 201
        assert time.monotonic() - started >= 0.05


async def test_limits_change_at_runtime_and_reset() -> None:
    async with ConnectorStub(per_conversation_per_second=1, per_tenant_per_second=1) as stub:
        conversations = client(stub).conversations
        stub.add_member(CHANNEL, ANNA)  # puts CHANNEL in tenant-1
        await conversations.send_to_conversation(CHANNEL, message("1"))
        with pytest.raises(HttpOperationError):
            await conversations.send_to_conversation(CHANNEL, message("2"))
        stub.per_conversation_per_second = None
        stub.per_tenant_per_second = None
        await conversations.send_to_conversation(CHANNEL, message("3"))
        assert [a["text"] for a in stub.sent()] == ["1", "3"]
        stub.reset()
        assert stub.sent() == [] and stub.requests == [] and stub.counters.throttled == 0
        assert len(await conversations.get_conversation_members(CHANNEL)) == 1
