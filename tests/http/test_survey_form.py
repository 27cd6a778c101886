"""The office opens a survey round on a card: period, close date and which questions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.domain.clock import today
from tests.http.conftest import BotUnderTest
from tests.http.test_surveys import OFFICE, OFFICE_CHAT, _meet


def _card(activity: dict[str, Any]) -> dict[str, Any]:
    return activity["attachments"][0]["content"]


async def test_office_chooses_period_close_date_and_questions(bot: BotUnderTest) -> None:
    await _meet(bot)
    await bot.post(bot.message("ny enkät", **OFFICE))
    form = _card(bot.stub.sent(OFFICE_CHAT)[-1])
    ids = {element.get("id") for element in form["body"]}
    assert {"period", "closes", "questions"} <= ids
    closes = today(bot.clock, bot.runtime.settings.timezone) + timedelta(days=10)
    submit = bot.message("", **OFFICE)
    submit.pop("text")
    submit["value"] = {
        "action": "survey_open",
        "period": "hösten 2027",
        "closes": closes.isoformat(),
        "questions": "kallelse-i-tid,protokoll-tydliga",
    }
    await bot.post(submit)
    await bot.runtime.bot.jobs.settle()
    survey = await bot.features.surveys.current()
    assert survey is not None
    assert survey.period == "hösten 2027"
    assert survey.question_keys == ("kallelse-i-tid", "protokoll-tydliga")
    assert survey.closes_at.astimezone(bot.runtime.settings.timezone).date() == closes


async def test_a_bad_form_gets_a_swedish_explanation_and_opens_nothing(bot: BotUnderTest) -> None:
    await _meet(bot)
    submit = bot.message("", **OFFICE)
    submit.pop("text")
    submit["value"] = {
        "action": "survey_open",
        "period": "x",
        "closes": "imorgon",
        "questions": "kallelse-i-tid",
    }
    await bot.post(submit)
    assert "ÅÅÅÅ-MM-DD" in bot.stub.sent(OFFICE_CHAT)[-1]["text"]
    assert await bot.features.surveys.current() is None


async def test_members_cannot_open_a_round(bot: BotUnderTest) -> None:
    await bot.post(bot.message("ny enkät"))
    assert "kansliet" in bot.stub.sent("a:personal-1")[-1]["text"].lower()
