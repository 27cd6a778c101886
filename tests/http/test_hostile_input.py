"""Hostile and malformed activities: 400 with a reason, never 5xx, never a crashed turn.

Each case is a defect an audit found (fuzzing 15,600 activities against the running bot).
A crashed turn shows as the apology ("Något gick fel") in the stub; none may appear.
"""

from __future__ import annotations

import json
from typing import Any

from tests.http.conftest import BotUnderTest

APOLOGY = "gick fel"


def _nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"a": value}
    return value


async def _raw(bot: BotUnderTest, data: bytes) -> int:
    async with bot.http.post(
        bot.url, data=data, headers={"Content-Type": "application/json"}
    ) as response:
        await response.read()
        return response.status


def _apologies(bot: BotUnderTest) -> int:
    return sum(APOLOGY in (a.get("text") or "") for a in bot.stub.sent())


async def test_malformed_activities_get_400_with_a_reason(bot: BotUnderTest) -> None:
    deep = b'{"type": "message", "value": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert await _raw(bot, deep) == 400
    cases: list[tuple[str, Any]] = [
        ("value", _nested(200)),  # parses, but deeper than any activity
        ("channelData", {"tenant": "not-an-object"}),
        ("channelData", "a string"),
        ("entities", {"type": "mention"}),
        ("entities", ["not-an-object"]),
        ("id", "abc\x00def"),
        ("id", "\ud800lone"),
        ("id", "x" * 600),
        ("value", {"round": 2**70}),
        ("conversation", {"id": 42}),
        ("from", {"name": "no id"}),
        ("serviceUrl", "file:///etc/passwd"),
        ("text", ["not", "text"]),
    ]
    for field, value in cases:
        body = bot.message("Vem är ordförande i styrgruppen?")
        body[field] = value
        data = json.dumps(body).encode("utf-8", "surrogatepass")
        status = await _raw(bot, data)
        assert status == 400, (field, value if len(str(value)) < 80 else "…", status)
    assert bot.stub.sent() == []


async def test_odd_but_possible_text_is_answered_not_crashed(bot: BotUnderTest) -> None:
    texts = ["Vem är ordf\ud800örande?", "hej\x00 då", "\u202eordförande", "🙂" * 500]
    for text in texts:
        body = bot.message(text)
        status = await _raw(bot, json.dumps(body).encode("utf-8", "surrogatepass"))
        assert status in (200, 201)
    assert len(bot.stub.sent("a:personal-1")) == len(texts)
    assert _apologies(bot) == 0


async def test_a_team_with_names_as_long_as_teams_allows(bot: BotUnderTest) -> None:
    """Teams allows 256-character team and channel names; the stored conversation's columns
    are shorter. Both databases cut alike instead of PostgreSQL failing the turn."""
    mention = {
        "type": "mention",
        "text": "<at>Samverkansboten</at>",
        "mentioned": {"id": "28:bot-id", "name": "Samverkansboten"},
    }
    body = bot.message(
        "<at>Samverkansboten</at> Vem är ordförande i styrgruppen?",
        conversation="19:long@thread.tacv2",
        conversation_type="channel",
        entities=[mention],
        channel_data={
            "tenant": {"id": "11111111-2222-3333-4444-555555555555"},
            "team": {"id": "19:team-long@thread.tacv2", "name": "T" * 256 + "extra"},
            "channel": {"id": "19:long@thread.tacv2", "name": "K\x00" * 128},
        },
    )
    body["from"]["name"] = "N" * 300
    response = await bot.post(body)
    assert response.status in (200, 201)
    (reply,) = bot.stub.sent("19:long@thread.tacv2")
    assert APOLOGY not in (reply.get("text") or "")
    stored = await bot.runtime.db.conversations.get("19:long@thread.tacv2")
    assert stored is not None and len(stored.channel_name) <= 200
    assert "\x00" not in stored.channel_name


async def test_invokes_the_bot_does_not_use_are_answered_as_teams_expects(
    bot: BotUnderTest,
) -> None:
    for name, value in [
        ("adaptiveCard/action", {"action": {"type": "Action.Execute"}}),
        ("adaptiveCard/action", "not-an-object"),
        ("adaptiveCard/action", None),
        ("composeExtension/query", {}),
        ("task/fetch", {}),
        ("signin/verifyState", {"state": "x"}),
        ("something/unknown", {}),
        (None, None),
    ]:
        body = bot.message("")
        body.update(type="invoke", name=name, value=value)
        body.pop("text")
        response = await bot.post(body)
        assert response.status == 200, (name, value, response.status)
    assert bot.stub.sent() == []
