"""The route table, route by route, over the Bot Framework protocol: every command and every
card action answers the office, and every office-only one refuses a member politely."""

from __future__ import annotations

import re
from typing import Any

import pytest

from dialogs.routing import Action, Audience, Command
from tests.http.conftest import OFFICE_EMAIL, BotUnderTest

OFFICE = {"conversation": "a:office-personal", "user": "29:office", "aad": "aad-office"}
MEMBER = {"conversation": "a:member-personal", "user": "29:member", "aad": "aad-member"}
# What a person writes for each placeholder in a command's usage.
EXAMPLES = {
    "<grupp>": "styrgruppen",
    "<nummer>": "1",
    "<länk>": "https://exempel.invalid/dagordning.pdf",
    "[FRÅN TILL]": "2026-01-01 2026-12-31",
}
APOLOGY = "något gick fel"


def example(command: Command) -> str:
    """The command as someone would type it, from its usage line."""
    text = command.usage or command.phrases[0]
    for placeholder, value in EXAMPLES.items():
        text = text.replace(placeholder, value)
    assert "<" not in text, f"{command.name}: no example for {text!r}"
    return text


def shown(activity: dict[str, Any]) -> str:
    return (activity.get("text") or "") + str(activity.get("attachments") or "")


async def _setup(bot: BotUnderTest) -> None:
    bot.stub.add_member(
        OFFICE["conversation"],
        {"id": "29:office", "name": "Kim", "aadObjectId": "aad-office", "email": OFFICE_EMAIL},
    )


async def _say(bot: BotUnderTest, text: str, who: dict[str, str]) -> dict[str, Any]:
    before = len(bot.stub.sent(who["conversation"]))
    await bot.post(bot.message(text, **who))
    sent = bot.stub.sent(who["conversation"])
    assert len(sent) == before + 1, f"{text!r}: expected one reply, got {len(sent) - before}"
    return sent[-1]


async def _press(bot: BotUnderTest, action: Action, who: dict[str, str]) -> dict[str, Any]:
    activity = bot.message("", **who)
    activity.pop("text")
    activity["value"] = {"action": action.name}
    before = len(bot.stub.sent(who["conversation"]))
    await bot.post(activity)
    sent = bot.stub.sent(who["conversation"])
    assert len(sent) == before + 1, f"{action.name}: expected one reply"
    return sent[-1]


def _commands(bot: BotUnderTest) -> list[Command]:
    return list(bot.runtime.bot.router.commands)


async def test_every_command_answers_the_office(bot: BotUnderTest) -> None:
    await _setup(bot)
    commands = _commands(bot)
    assert len(commands) >= 20
    for command in commands:
        reply = shown(await _say(bot, example(command), OFFICE))
        assert reply.strip(), command.name
        assert APOLOGY not in reply, f"{command.name}: {reply}"
        assert "bara för kansliet" not in reply, command.name


async def test_office_commands_refuse_members_politely_and_do_nothing(bot: BotUnderTest) -> None:
    for command in _commands(bot):
        reply = shown(await _say(bot, example(command), MEMBER))
        if command.audience is Audience.OFFICE:
            assert "bara för kansliet" in reply, f"{command.name}: {reply}"
        else:
            assert "bara för kansliet" not in reply, command.name
    assert await bot.runtime.db.announcements.recent() == []


@pytest.mark.parametrize(
    "text", ["dagordning AU https://exempel.invalid/d.pdf", "rapport kallelser", "Ny Kungörelse"]
)
async def test_a_member_writing_an_office_command_gets_an_answer(
    bot: BotUnderTest, text: str
) -> None:
    assert "bara för kansliet" in shown(await _say(bot, text, MEMBER))


async def test_every_card_action_answers(bot: BotUnderTest) -> None:
    await _setup(bot)
    actions = list(bot.runtime.bot.router.actions)
    assert {a.name for a in actions} >= {"forward_question", "answer_question", "survey_answer"}
    for action in actions:
        reply = shown(await _press(bot, action, OFFICE))
        assert reply.strip() and APOLOGY not in reply, action.name
        member_reply = shown(await _press(bot, action, MEMBER))
        assert member_reply.strip() and APOLOGY not in member_reply, action.name
        if action.audience is Audience.OFFICE:
            assert "kansliet" in member_reply, action.name


async def test_an_unknown_button_is_explained(bot: BotUnderTest) -> None:
    activity = bot.message("", **MEMBER)
    activity.pop("text")
    activity["value"] = {"action": "no_such_action"}
    await bot.post(activity)
    assert "känner jag inte igen" in shown(bot.stub.sent(MEMBER["conversation"])[-1])


async def test_help_lists_every_command_each_may_use(bot: BotUnderTest) -> None:
    await _setup(bot)
    office_help = shown(await _say(bot, "hjälp", OFFICE))
    member_help = shown(await _say(bot, "hjälp", MEMBER))
    for command in _commands(bot):
        if not command.usage:
            continue
        usage = re.escape(command.usage)
        assert re.search(usage, office_help), command.name
        if command.audience is Audience.OFFICE:
            assert not re.search(usage, member_help), command.name
    for topic in ("möte", "enkät", "bereder"):
        assert topic in member_help.lower()


async def test_every_command_in_the_teams_manifest_is_understood(bot: BotUnderTest) -> None:
    """The suggestions Teams shows (the manifest's command lists) each get an answer or an
    explanation of what to add, never "Det vet jag inte säkert" or the apology; and they
    hold the office's main commands."""
    import json
    from pathlib import Path

    await _setup(bot)
    manifest = json.loads(
        (Path(__file__).parents[2] / "manifest" / "manifest.json").read_text(encoding="utf-8")
    )
    lists = {tuple(lst["scopes"]): lst["commands"] for lst in manifest["bots"][0]["commandLists"]}
    titles = {c["title"] for commands in lists.values() for c in commands}
    personal = {c["title"] for c in lists[("personal",)]}
    assert {"ny kungörelse", "ny enkät", "enkätresultat", "visa schema"} <= personal
    assert {"nästa möte", "vilka grupper finns", "visa dokument"} <= personal
    team = {c["title"] for c in lists[("team", "groupChat")]}
    assert {"dagordning", "protokoll", "skicka kallelse", "koppla kanalen till"} <= team
    for title in sorted(titles):
        reply = shown(await _say(bot, title, OFFICE)).lower()
        assert "det vet jag inte säkert" not in reply and APOLOGY not in reply, title
