"""Malformed requests get a 4xx and a log line, never a 500."""

from __future__ import annotations

import pytest

from tests.http.conftest import BotUnderTest


async def test_not_json_is_400(bot: BotUnderTest) -> None:
    response = await bot.http.post(
        bot.url, data=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status == 400


async def test_wrong_content_type_is_415(bot: BotUnderTest) -> None:
    response = await bot.http.post(bot.url, data=b"hello", headers={"Content-Type": "text/plain"})
    assert response.status == 415


@pytest.mark.parametrize("field", ["type", "serviceUrl", "conversation", "from", "channelId"])
async def test_activity_without_required_field_is_400(bot: BotUnderTest, field: str) -> None:
    body = bot.message("hej")
    body.pop(field)
    response = await bot.post(body)
    assert response.status == 400
    assert bot.stub.sent() == []


async def test_json_that_is_not_an_object_is_400(bot: BotUnderTest) -> None:
    response = await bot.post(["type", "message"])
    assert response.status == 400


async def test_wrongly_typed_field_is_400(bot: BotUnderTest) -> None:
    body = bot.message("hej")
    body["timestamp"] = {"not": "a date"}
    response = await bot.post(body)
    assert response.status < 500


async def test_body_over_one_mebibyte_is_413(bot: BotUnderTest) -> None:
    body = bot.message("x" * (1024 * 1024 + 10))
    response = await bot.post(body)
    assert response.status == 413


async def test_get_is_405(bot: BotUnderTest) -> None:
    async with bot.http.get(bot.url) as response:
        assert response.status == 405


async def test_a_database_that_cannot_record_the_activity_gives_503_not_500(
    bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def saturated(key: str) -> object:
        raise TimeoutError("QueuePool limit reached")

    monkeypatch.setattr(bot.runtime.db.activities, "begin", saturated)
    response = await bot.post(bot.message("hjälp"))
    assert response.status == 503
    assert response.headers["Retry-After"] == "2"
    assert bot.stub.sent() == []
