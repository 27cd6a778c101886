"""The office's tools over the Bot Framework protocol: announcements from form to channels
(and edited and deleted there), meeting links, a notice sent now, pauses and the schedule."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.domain.delivery_rules import PostKind
from bot.domain.model import Meeting
from bot.domain.outbox import PostState
from bot.domain.ports import ChannelBinding, ConversationKind, StoredConversation
from bot.domain.schedule import due_posts
from bot.store.database import Database
from dialogs.notices.delivery import DeliveryWorker
from tests.http.conftest import OFFICE_EMAIL, BotUnderTest, delivery_worker, governance
from tests.http.test_delivery import FAST, TENANT

REGION = "sodra-alvsborg"
OFFICE_CHAT = "a:office-personal"
STYRGRUPP = "19:styrgrupp@thread.tacv2"
AU = "19:au@thread.tacv2"
OFFICE = {"conversation": OFFICE_CHAT, "user": "29:office", "aad": "aad-office"}
CARD = "application/vnd.microsoft.card.adaptive"


def _card(activity: dict[str, Any]) -> dict[str, Any]:
    attachments = activity.get("attachments") or []
    assert attachments and attachments[0]["contentType"] == CARD, activity
    content: dict[str, Any] = attachments[0]["content"]
    return content


async def _setup(bot: BotUnderTest) -> Database:
    db: Database = bot.runtime.db
    bot.stub.add_member(
        OFFICE_CHAT,
        {"id": "29:office", "name": "Kim", "aadObjectId": "aad-office", "email": OFFICE_EMAIL},
    )
    for conversation, group in ((STYRGRUPP, "styrgrupp"), (AU, "au")):
        await db.conversations.save(
            StoredConversation(
                conversation, ConversationKind.CHANNEL, bot.service_url, TENANT, {}, "", group
            )
        )
        await db.conversations.bind(
            ChannelBinding(conversation, REGION, group, "test", group.upper(), bot.clock.now())
        )
    return db


async def _say(bot: BotUnderTest, text: str, **who: Any) -> dict[str, Any]:
    who = who or OFFICE
    await bot.post(bot.message(text, **who))
    return bot.stub.sent(who["conversation"])[-1]


async def _submit(bot: BotUnderTest, value: dict[str, Any]) -> dict[str, Any]:
    activity = bot.message("", **OFFICE)
    activity.pop("text")
    activity["value"] = value  # as Teams sends an Action.Submit: data and inputs together
    await bot.post(activity)
    return bot.stub.sent(OFFICE_CHAT)[-1]


def _shown(activity: dict[str, Any]) -> str:
    return (activity.get("text") or "") + str(activity.get("attachments") or "")


def _action(card: dict[str, Any], title: str) -> dict[str, Any]:
    data: dict[str, Any] = next(a for a in card["actions"] if a["title"] == title)["data"]
    return data


def _worker(bot: BotUnderTest, db: Database) -> DeliveryWorker:
    return delivery_worker(bot, "office-tools", config=FAST)


FORM = {
    "title": "Ny rutin för samordnad vårdplanering",
    "text": "Från **1 januari** gäller den nya rutinen.",
    "link": "https://exempel.invalid/rutin.pdf",
    "targets": "styrgrupp,au",
    "send_date": "",
    "send_time": "",
}


async def test_announcement_from_form_to_channels_then_edited_and_deleted(
    bot: BotUnderTest,
) -> None:
    db = await _setup(bot)
    form = _card(await _say(bot, "Ny kungörelse"))
    choices = next(e for e in form["body"] if e["type"] == "Input.ChoiceSet")
    assert (
        choices["isMultiSelect"] and {"title": "alla grupper", "value": "*"} in choices["choices"]
    )
    assert {e["type"] for e in form["body"][-1]["columns"][0]["items"]} == {"Input.Date"}
    send = _action(form, "Skicka")

    preview = _card(await _submit(bot, {**_action(form, "Förhandsgranska"), **FORM}))
    assert FORM["title"] in str(preview) and _action(preview, "Ändra")
    assert await db.outbox.entries_with_prefix("announcement:") == []

    confirmation = await _submit(bot, {**send, **FORM})
    assert "2 kanal(er)" in _shown(confirmation)
    again = await _submit(bot, {**send, **FORM})  # a second press on the same form
    assert "redan skickad" in _shown(again)
    entries = await db.outbox.entries_with_prefix("announcement:")
    assert sorted(e.post.conversation_id for e in entries) == [AU, STYRGRUPP]
    assert all(e.post.kind == "announcement" for e in entries)

    report = await _worker(bot, db).run_once()
    assert report.sent == 2
    for channel in (AU, STYRGRUPP):
        (posted,) = bot.stub.sent(channel)
        assert FORM["title"] in str(_card(posted)) and "Närvårdskontoret" in str(_card(posted))
    number = entries[0].post.key.split(":")[1]
    shown = str(_card(await _say(bot, f"rapport kungörelse {number}")))
    assert "Skickad 2, väntar 0, misslyckad 0" in shown and "STYRGRUPP" in shown

    edit_form = _card(await _say(bot, f"ändra kungörelse {number}"))
    title_box = next(e for e in edit_form["body"] if e.get("id") == "title")
    assert title_box["value"] == FORM["title"]
    edited = {**FORM, "title": "Ändrad rubrik"}
    told = await _submit(bot, {**_action(edit_form, "Skicka"), **edited})
    assert "2 redan skickade" in _shown(told)
    updates = bot.stub.requests_for("update")
    sent_ids = {e.activity_id for e in await db.outbox.entries_with_prefix("announcement:")}
    assert {r.activity_id for r in updates} == sent_ids
    assert all("Ändrad rubrik" in str(r.body) for r in updates)

    gone = await _say(bot, f"ta bort kungörelse {number}")
    assert "2 meddelanden togs bort" in _shown(gone)
    assert {r.activity_id for r in bot.stub.requests_for("delete")} == sent_ids
    assert "borttagen" in _shown(await _say(bot, f"rapport kungörelse {number}"))


async def test_a_later_announcement_is_scheduled_and_cancelled_unsent(bot: BotUnderTest) -> None:
    db = await _setup(bot)
    form = _card(await _say(bot, "nytt meddelande"))
    tomorrow = (bot.clock.now() + timedelta(days=1)).date().isoformat()
    later = {**FORM, "targets": "*", "send_date": tomorrow, "send_time": "09:30"}
    await _submit(bot, {**_action(form, "Skicka"), **later})
    assert (await _worker(bot, db).run_once()).sent == 0
    schedule = str(_card(await _say(bot, "visa schema")))
    assert "kungörelse" in schedule and "kl. 09.30" in schedule
    (entry, *_) = await db.outbox.entries_with_prefix("announcement:")
    number = entry.post.key.split(":")[1]
    assert "ställdes in" in _shown(await _say(bot, f"ta bort kungörelse {number}"))
    entries = await db.outbox.entries_with_prefix("announcement:")
    assert entries and all(e.state is PostState.SKIPPED for e in entries)
    assert bot.stub.requests_for("delete") == []


async def test_members_are_refused_politely(bot: BotUnderTest) -> None:
    await _setup(bot)
    refusal = await _say(bot, "ny kungörelse", conversation="a:member", user="29:m", aad="m")
    assert "bara kansliet" in _shown(refusal)
    value = {"action": "announcement_send", "draft": "x", **FORM}
    activity = bot.message("", conversation="a:member", user="29:m", aad="m")
    activity.pop("text")
    activity["value"] = value
    await bot.post(activity)
    assert "bara kansliet" in _shown(bot.stub.sent("a:member")[-1])
    assert await bot.runtime.db.announcements.recent() == []


async def _meetings(db: Database) -> tuple[Meeting, Meeting]:
    now = db.sessions.now()
    past = Meeting(None, REGION, "styrgrupp", now - timedelta(days=20), uid="past")
    future = Meeting(None, REGION, "styrgrupp", now + timedelta(days=20), uid="next")
    return await db.meetings.save(past), await db.meetings.save(future)


async def test_meeting_links_and_a_notice_sent_now_once(bot: BotUnderTest) -> None:
    db = await _setup(bot)
    past, future = await _meetings(db)
    told = await _say(bot, "dagordning styrgruppen https://exempel.invalid/Dagordning.pdf")
    assert "Dagordningen för" in _shown(told) and str(future.start.year) in _shown(told)
    told = await _say(bot, "Protokoll Styrgruppen https://exempel.invalid/P.pdf")
    assert "Protokollet för" in _shown(told)
    assert future.id is not None and past.id is not None
    stored_future, stored_past = await db.meetings.get(future.id), await db.meetings.get(past.id)
    assert stored_future and stored_future.agenda_url == "https://exempel.invalid/Dagordning.pdf"
    assert stored_past and stored_past.minutes_url == "https://exempel.invalid/P.pdf"

    assert "går ut nu" in _shown(await _say(bot, "skicka kallelse styrgruppen"))
    assert "redan" in _shown(await _say(bot, "skicka kallelse styrgruppen"))
    notices = await db.outbox.list(conversation_id=STYRGRUPP)
    assert [e.post.kind for e in notices] == ["kallelse"]
    # The planner's own notice for this meeting has the same key: it adds nothing.
    planner = bot.features.planner
    group = governance().group(REGION, "styrgrupp")
    assert group is not None
    (notice,) = [
        p
        for p in due_posts(stored_future, group, planner.rules, planner.tz)
        if p.kind is PostKind.NOTICE
    ]
    await planner.plan(notice.due_at)
    # No second notice; and the minutes registered above for the meeting three weeks ago
    # are announced now ("protokoll publicerat" waits for its link, however late it comes).
    kinds = sorted(e.post.kind for e in await db.outbox.list(conversation_id=STYRGRUPP))
    assert kinds == ["kallelse", "protokoll-publicerat"]


async def test_paused_group_gets_nothing_planned_until_resumed(bot: BotUnderTest) -> None:
    db = await _setup(bot)
    _, future = await _meetings(db)
    assert "pausade" in _shown(await _say(bot, "pausa påminnelser styrgruppen"))
    planner = bot.features.planner
    group = governance().group(REGION, "styrgrupp")
    assert group is not None
    # The group's own notice, not whatever post happens to come first (an alert to the
    # office, which has no bound channel here and so is never enqueued).
    (notice,) = [
        p for p in due_posts(future, group, planner.rules, planner.tz) if p.kind is PostKind.NOTICE
    ]
    assert (await planner.plan(notice.due_at)).enqueued == 0
    schedule = await _say(bot, "vad är schemalagt")
    assert "Styrgrupp" not in str(schedule.get("attachments")) or "Pausade" in str(schedule)
    assert "igång igen" in _shown(await _say(bot, "ateruppta paminnelser styrgruppen"))
    assert (await planner.plan(notice.due_at)).enqueued >= 1
