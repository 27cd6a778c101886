"""A question the bot cannot answer goes to the office, and the office's answer comes back.

Over the real Bot Framework protocol: activities in over HTTP, the bot's posts and card
updates out to the connector stand-in.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot.questions_command import unanswered
from bot.settings import Settings
from tests.http.conftest import CHAIR_EMAIL, OFFICE_EMAIL, BotUnderTest

QUESTION = "Hur bokar jag ett konferensrum på sjukhuset?"
ANSWER = "Ring växeln på 010-435 00 00 och be om lokalbokningen."
MEMBER_CHAT = "a:personal-1"
OFFICE_CHANNEL = "19:kansli@thread.skype"
OFFICE_CHAT = "a:office-personal"
CARD = "application/vnd.microsoft.card.adaptive"


def _mention() -> dict[str, Any]:
    return {
        "type": "mention",
        "text": "<at>Samverkansboten</at>",
        "mentioned": {"id": "28:bot-id", "name": "Samverkansboten"},
    }


def _channel_data(channel: str = OFFICE_CHANNEL) -> dict[str, Any]:
    return {
        "tenant": {"id": "11111111-2222-3333-4444-555555555555"},
        "team": {"id": "19:team-kansli@thread.skype", "name": "Närvårdskontoret"},
        "channel": {"id": channel, "name": "Frågor"},
    }


def _office_member(conversation: str) -> dict[str, Any]:
    return {
        "id": "29:office",
        "name": "Kim",
        "aadObjectId": "aad-office",
        "email": OFFICE_EMAIL,
        "userPrincipalName": OFFICE_EMAIL,
    }


def _submit(bot: BotUnderTest, value: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """An Action.Submit as Teams sends it: a message with the card data as value, no text."""
    reply_to = overrides.pop("reply_to", None)
    activity = bot.message("", **overrides)
    activity.pop("text")
    activity["value"] = value
    if reply_to:
        activity["replyToId"] = reply_to
    return activity


def _card(activity: dict[str, Any]) -> dict[str, Any]:
    attachments = activity.get("attachments") or []
    assert attachments and attachments[0]["contentType"] == CARD, activity
    content: dict[str, Any] = attachments[0]["content"]
    return content


def _all_text(activity: dict[str, Any]) -> str:
    return (activity.get("text") or "") + str(activity.get("attachments") or "")


async def _bind_office_channel(bot: BotUnderTest) -> None:
    """The office binds its channel as it would in Teams (which also stores the channel)."""
    bot.stub.add_member(OFFICE_CHANNEL, _office_member(OFFICE_CHANNEL))
    await bot.post(
        bot.message(
            "<at>Samverkansboten</at> koppla kanalen till kansliet",
            conversation=OFFICE_CHANNEL,
            conversation_type="channel",
            user="29:office",
            aad="aad-office",
            entities=[_mention()],
            channel_data=_channel_data(),
        )
    )
    binding = await bot.runtime.db.conversations.binding_for(OFFICE_CHANNEL)
    assert binding is not None and (binding.region, binding.group) == ("sodra-alvsborg", "kansli")


async def _ask_and_forward(bot: BotUnderTest, **member: Any) -> dict[str, Any]:
    """The member asks, gets the declined card, and presses its forward button."""
    await bot.post(bot.message(QUESTION, **member))
    declined = bot.stub.sent(member.get("conversation", MEMBER_CHAT))[-1]
    buttons = [a for a in _card(declined).get("actions", []) if a["type"] == "Action.Submit"]
    forward = next(b for b in buttons if (b.get("data") or {}).get("action") == "forward_question")
    assert forward["title"] == "Skicka frågan till kansliet"
    assert forward["data"]["question"] == QUESTION
    await bot.post(_submit(bot, forward["data"], **member))
    return dict(forward["data"])


async def _listed(settings: Settings, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert await unanswered(settings) == 0
    return capsys.readouterr().out


def _answer_value(question_id: int, answer: str = ANSWER) -> dict[str, Any]:
    return {"action": "answer_question", "question_id": question_id, "answer": answer}


async def test_question_to_the_office_channel_and_answer_back(
    bot: BotUnderTest, capsys: pytest.CaptureFixture[str]
) -> None:
    bot.stub.add_member(
        MEMBER_CHAT,
        {"id": "29:user-1", "name": "Anna", "aadObjectId": "aad-user-1", "email": CHAIR_EMAIL},
    )
    await _bind_office_channel(bot)
    sent_before = len(bot.stub.sent(OFFICE_CHANNEL))

    await _ask_and_forward(bot)
    confirmation = bot.stub.sent(MEMBER_CHAT)[-1]["text"]
    assert confirmation == (
        "Tack! Jag har skickat din fråga till Närvårdskontoret; svaret kommer här i chatten."
    )

    office_posts = bot.stub.sent(OFFICE_CHANNEL)[sent_before:]
    assert len(office_posts) == 1
    office_card = _card(office_posts[0])
    assert office_card["version"] == "1.5"
    shown = str(office_card)
    for expected in ("Anna Ordf", CHAIR_EMAIL, "Södra Älvsborg", QUESTION):
        assert expected in shown
    box = next(e for e in office_card["body"] if e["type"] == "Input.Text")
    assert box["isMultiline"] and box["isRequired"] and box["errorMessage"]
    assert box["id"] == "answer"  # the key the answer arrives under in the submit's value
    (send,) = office_card["actions"]
    assert send["title"] == "Skicka svaret"
    question_id = send["data"]["question_id"]
    assert send["data"] == {"action": "answer_question", "question_id": question_id}
    # A new thread in the channel, not a reply in the binding's thread.
    card_id = office_posts[0]["id"]
    assert bot.stub.requests_for("send")[-1].conversation_id == OFFICE_CHANNEL

    listing = await _listed(bot.runtime.settings, capsys)
    assert f"#{question_id}" in listing and QUESTION in listing and "Anna Ordf" in listing

    member_before = len(bot.stub.sent(MEMBER_CHAT))
    thread = f"{OFFICE_CHANNEL};messageid={card_id}"
    bot.stub.add_member(thread, _office_member(thread))
    await bot.post(
        _submit(
            bot,
            _answer_value(question_id),
            conversation=thread,
            conversation_type="channel",
            user="29:office",
            aad="aad-office",
            channel_data=_channel_data(),
            reply_to=card_id,
        )
    )

    (answer,) = bot.stub.sent(MEMBER_CHAT)[member_before:]
    assert f"> {QUESTION}" in answer["text"]
    assert ANSWER in answer["text"]
    assert "Kim Kansli" in answer["text"] and "Närvårdskontoret" in answer["text"]

    updates = [r for r in bot.stub.requests_for("update") if r.activity_id == card_id]
    assert updates, "the office card was not updated"
    updated = _card(updates[-1].body)
    assert "Besvarad av Kim Kansli: " + ANSWER in str(updated)
    assert not any(e["type"] == "Input.Text" for e in updated["body"])
    assert "actions" not in updated

    assert "Svaret är skickat" in bot.stub.sent(thread)[-1]["text"]
    assert "Inga obesvarade frågor." in await _listed(bot.runtime.settings, capsys)


async def _forwarded_to_office_chat(bot: BotUnderTest) -> int:
    """No channel: the office user has a 1:1 chat with the bot, where the card goes."""
    bot.stub.add_member(OFFICE_CHAT, _office_member(OFFICE_CHAT))
    await bot.post(
        bot.message("hjälp", conversation=OFFICE_CHAT, user="29:office", aad="aad-office")
    )
    before = len(bot.stub.sent(OFFICE_CHAT))
    await _ask_and_forward(bot)
    (posted,) = bot.stub.sent(OFFICE_CHAT)[before:]
    question_id: int = _card(posted)["actions"][0]["data"]["question_id"]
    return question_id


async def test_without_a_channel_the_office_users_chat_gets_it(bot: BotUnderTest) -> None:
    question_id = await _forwarded_to_office_chat(bot)
    assert "skickat din fråga" in bot.stub.sent(MEMBER_CHAT)[-1]["text"]
    card_id = bot.stub.sent(OFFICE_CHAT)[-1]["id"]

    before = len(bot.stub.sent(MEMBER_CHAT))
    office = {"conversation": OFFICE_CHAT, "user": "29:office", "aad": "aad-office"}
    await bot.post(_submit(bot, _answer_value(question_id), reply_to=card_id, **office))
    assert ANSWER in bot.stub.sent(MEMBER_CHAT)[-1]["text"]
    assert [r.activity_id for r in bot.stub.requests_for("update")] == [card_id]

    # A second answer (another click on a stale card): refused, nothing delivered.
    await bot.post(_submit(bot, _answer_value(question_id, "Ett annat svar."), **office))
    refusal = bot.stub.sent(OFFICE_CHAT)[-1]["text"]
    assert "redan" in refusal and "Kim Kansli" in refusal
    assert len(bot.stub.sent(MEMBER_CHAT)) == before + 1
    question = await bot.runtime.db.questions.get(question_id)
    assert question is not None and question.answer == ANSWER


async def test_only_the_office_may_answer(bot: BotUnderTest) -> None:
    question_id = await _forwarded_to_office_chat(bot)
    before = len(bot.stub.sent(MEMBER_CHAT))
    # The member tries to answer their own question with the card's data.
    await bot.post(_submit(bot, _answer_value(question_id, "Jag svarar själv.")))
    assert "bara kansliet" in bot.stub.sent(MEMBER_CHAT)[-1]["text"]
    assert len(bot.stub.sent(MEMBER_CHAT)) == before + 1  # the refusal, no answer
    question = await bot.runtime.db.questions.get(question_id)
    assert question is not None and not question.answered


async def test_empty_answer_and_unknown_question_are_refused(bot: BotUnderTest) -> None:
    question_id = await _forwarded_to_office_chat(bot)
    office = {"conversation": OFFICE_CHAT, "user": "29:office", "aad": "aad-office"}
    await bot.post(_submit(bot, _answer_value(question_id, "   "), **office))
    assert "Svaret är tomt" in bot.stub.sent(OFFICE_CHAT)[-1]["text"]
    await bot.post(_submit(bot, _answer_value(question_id + 999), **office))
    assert "hittar inte den frågan" in bot.stub.sent(OFFICE_CHAT)[-1]["text"]
    question = await bot.runtime.db.questions.get(question_id)
    assert question is not None and not question.answered


async def test_double_click_forwards_once(bot: BotUnderTest) -> None:
    await _bind_office_channel(bot)
    before = len(bot.stub.sent(OFFICE_CHANNEL))
    data = await _ask_and_forward(bot)
    await bot.post(_submit(bot, data))
    assert len(bot.stub.sent(OFFICE_CHANNEL)) == before + 1
    assert "redan skickat" in bot.stub.sent(MEMBER_CHAT)[-1]["text"]
    assert len(await bot.runtime.db.questions.unanswered()) == 1


async def test_another_regions_member_reaches_the_default_office(bot: BotUnderTest) -> None:
    # Fyrbodal has no office channel bound: the default region's office gets the question,
    # while the member hears the name of their own region's office.
    bot.stub.add_member(
        MEMBER_CHAT,
        {"id": "29:user-1", "aadObjectId": "aad-user-1", "email": "fia.fyr@exempel.invalid"},
    )
    await _bind_office_channel(bot)
    before = len(bot.stub.sent(OFFICE_CHANNEL))
    await _ask_and_forward(bot)
    assert "Vårdsamverkans kansli" in bot.stub.sent(MEMBER_CHAT)[-1]["text"]
    (posted,) = bot.stub.sent(OFFICE_CHANNEL)[before:]
    assert "Fyrbodal" in str(_card(posted)) and "Fia Fyr" in str(_card(posted))
    (question,) = await bot.runtime.db.questions.unanswered()
    assert question.region == "fyrbodal"


@pytest.mark.parametrize(
    "settings_hook", [lambda s: replace(s, office_users=frozenset())], ids=["no-office-users"]
)
async def test_nobody_to_reach_keeps_the_question_and_says_so(
    bot: BotUnderTest, capsys: pytest.CaptureFixture[str]
) -> None:
    await _ask_and_forward(bot)
    told = bot.stub.sent(MEMBER_CHAT)[-1]["text"]
    assert "sparat din fråga till Närvårdskontoret" in told
    assert "nästa gång" in told
    assert [r.conversation_id for r in bot.stub.requests_for("send")] == []
    assert QUESTION in await _listed(bot.runtime.settings, capsys)


async def test_channel_submit_without_a_mention_is_routed(bot: BotUnderTest) -> None:
    await _bind_office_channel(bot)
    await _ask_and_forward(bot)
    posted = bot.stub.sent(OFFICE_CHANNEL)[-1]
    question_id = _card(posted)["actions"][0]["data"]["question_id"]
    await bot.post(
        _submit(
            bot,
            _answer_value(question_id),
            reply_to=posted["id"],
            conversation=OFFICE_CHANNEL,
            conversation_type="channel",
            user="29:office",
            aad="aad-office",
            channel_data=_channel_data(),
        )
    )
    question = await bot.runtime.db.questions.get(question_id)
    assert question is not None and question.answered, "the submit never reached the bot"
