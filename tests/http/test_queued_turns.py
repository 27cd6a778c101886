"""Card submits that come in bursts (a survey's answers) are stored at the door, answered
202 at once and handled behind; none is lost when the bot stops, none answered twice."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.http.conftest import BotUnderTest

CHAT = "a:personal-queued"
WHO = {"conversation": CHAT, "user": "29:queued", "aad": "aad-queued"}


def survey_submit(bot: BotUnderTest, **who: Any) -> dict[str, Any]:
    """A survey answer for a round that does not exist: refused, in a reply, like any."""
    activity = bot.message("", **(who or WHO))
    activity.pop("text")
    activity["value"] = {"action": "survey_answer", "round": 424242, "q_x": "ja"}
    return activity


async def _post_raw(bot: BotUnderTest, body: dict[str, Any]) -> int:
    """As Teams posts: the status, without waiting for anything queued."""
    async with bot.http.post(bot.url, json=body) as response:
        await response.read()
        return response.status


async def test_a_survey_answer_is_received_at_once_and_answered_behind(
    bot: BotUnderTest,
) -> None:
    queued = bot.runtime.endpoint.queued
    assert queued is not None
    assert await _post_raw(bot, survey_submit(bot)) == 202
    await queued.settled()
    (reply,) = bot.stub.sent(CHAT)
    assert "inte skickad till dig" in reply["text"]
    assert await bot.runtime.db.queue.take(10) == []
    # A question is still answered in its own HTTP request, as before.
    assert await _post_raw(bot, bot.message("hjälp", **WHO)) == 201


async def test_what_was_stored_before_a_stop_is_answered_after_the_start(
    bot: BotUnderTest,
) -> None:
    endpoint = bot.runtime.endpoint
    assert endpoint.queued is not None
    await endpoint.stop()  # as if the process died after answering 202
    submit = survey_submit(bot)
    assert await _post_raw(bot, submit) == 202
    await asyncio.sleep(0.2)
    assert bot.stub.sent(CHAT) == []
    assert len(await bot.runtime.db.queue.take(10)) == 1
    endpoint.start()
    await endpoint.queued.settled()
    assert len(bot.stub.sent(CHAT)) == 1
    assert await bot.runtime.db.queue.take(10) == []


async def test_the_same_submit_delivered_again_is_answered_once(bot: BotUnderTest) -> None:
    endpoint = bot.runtime.endpoint
    assert endpoint.queued is not None
    await endpoint.stop()
    submit = survey_submit(bot)
    # Teams resends while the first is still waiting in the queue ...
    assert [await _post_raw(bot, submit) for _ in range(2)] == [202, 202]
    endpoint.start()
    await endpoint.queued.settled()
    # ... and after it was answered.
    assert await _post_raw(bot, submit) == 202
    await endpoint.queued.settled()
    assert len(bot.stub.sent(CHAT)) == 1


async def test_a_submit_of_another_action_is_answered_in_its_request(bot: BotUnderTest) -> None:
    activity = bot.message("", **WHO)
    activity.pop("text")
    activity["value"] = {"action": "no_such_action"}
    assert await _post_raw(bot, activity) == 201
    assert len(bot.stub.sent(CHAT)) == 1


async def test_a_submit_botbuilder_could_not_read_is_refused_at_the_door(
    bot: BotUnderTest,
) -> None:
    """Queued activities are read by botbuilder only when their turn runs: what it would
    refuse must be refused before the 202, with the reason."""
    submit = survey_submit(bot)
    submit["timestamp"] = "igår vid tre"
    async with bot.http.post(bot.url, json=submit) as response:
        assert response.status == 400
        assert "timestamp" in (await response.json())["error"]["message"]
    assert await bot.runtime.db.queue.take(10) == []
    submit["timestamp"] = "2026-12-01T10:15:00.1234567Z"  # as Teams writes it
    assert await _post_raw(bot, submit) == 202
