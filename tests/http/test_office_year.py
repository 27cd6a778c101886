"""The office's year over the Bot Framework protocol: all-day events, the minutes chain,
downtime, and calendar files the import must refuse."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.domain.delivery_rules import PostKind
from bot.domain.model import Meeting
from bot.domain.schedule import due_posts
from bot.domain.table_file import ImportLimits
from bot.store.imports import ImportFailed, import_meetings
from tests.http.conftest import BotUnderTest, delivery_worker, governance
from tests.http.test_office_tools import STYRGRUPP, _say, _setup
from tests.support.channels import bind_channel

TZ = ZoneInfo("Europe/Stockholm")
REGION = "sodra-alvsborg"
KANSLI = "19:kansliet@thread.tacv2"


def _text(activity: dict[str, Any]) -> str:
    parts = [activity.get("text") or ""]
    parts += [str(a.get("content")) for a in activity.get("attachments") or []]
    return "\n".join(parts)


def _day(bot: BotUnderTest, days: int, hour: int = 0) -> datetime:
    local = bot.clock.now().astimezone(TZ).date() + timedelta(days=days)
    return datetime(local.year, local.month, local.day, hour, tzinfo=TZ)


def _ics(bot: BotUnderTest, tmp_path: Path) -> Path:
    """A planning day (all-day) in three days, the real meeting in ten, at 13.00."""
    planning, meeting = _day(bot, 3), _day(bot, 10, 13)
    text = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "BEGIN:VEVENT",
            "UID:planning-day",
            "SUMMARY:Planeringsdag",
            f"DTSTART;VALUE=DATE:{planning:%Y%m%d}",
            f"DTEND;VALUE=DATE:{planning + timedelta(days=1):%Y%m%d}",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:real-meeting",
            "SUMMARY:Styrgruppens möte",
            f"DTSTART;TZID=Europe/Stockholm:{meeting:%Y%m%dT%H%M%S}",
            "DURATION:PT3H",
            "LOCATION:Borås",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    path = tmp_path / "styrgrupp.ics"
    path.write_text(text, encoding="utf-8")
    return path


async def test_an_all_day_event_is_a_day_in_the_calendar_not_a_meeting(
    bot: BotUnderTest, tmp_path: Path
) -> None:
    db = await _setup(bot)
    await import_meetings(db, governance(), _ics(bot, tmp_path), group="Styrgruppen SÄ", tz=TZ)
    stored = await db.meetings.upcoming(REGION, "styrgrupp", _day(bot, 0), with_all_day=True)
    planning, meeting = stored
    assert planning.all_day and not meeting.all_day

    # "Next meeting" is the meeting, never the planning day, and nothing says 00.00.
    answer = _text(await _say(bot, "När är nästa möte i styrgruppen?"))
    assert f"{meeting.start.astimezone(TZ).day} " in answer and "Borås" in answer
    assert "00.00" not in answer and "Planeringsdag" not in answer

    # No notice, reminder or agenda alert for the planning day, through its whole week.
    planner = bot.features.planner
    for days in range(0, 5):
        await planner.plan(_day(bot, days, 8))
    entries = await db.outbox.list(limit=100)
    assert [e for e in entries if e.post.meeting_id == planning.id] == []

    # The group's calendar feed keeps it all-day.
    async with bot.http.get(bot.base + "calendar/sodra-alvsborg/styrgrupp.ics") as feed:
        body = await feed.text()
    assert f"DTSTART;VALUE=DATE:{planning.start.astimezone(TZ):%Y%m%d}" in body
    assert "DTSTART:" in body  # the meeting keeps its time


async def test_a_meeting_asked_for_in_another_year_is_never_the_next_one(
    bot: BotUnderTest, tmp_path: Path
) -> None:
    db = await _setup(bot)
    await import_meetings(db, governance(), _ics(bot, tmp_path), group="Styrgruppen SÄ", tz=TZ)
    (meeting,) = await db.meetings.upcoming(REGION, "styrgrupp", _day(bot, 0))
    year = meeting.start.astimezone(TZ).year

    later = _text(await _say(bot, f"När har styrgruppen möte i december {year + 2}?"))
    assert f"{meeting.start.astimezone(TZ).day} " not in later and "Borås" not in later

    same = _text(await _say(bot, f"När har styrgruppen nästa möte {year}?"))
    assert f"{meeting.start.astimezone(TZ).day} " in same and "Borås" in same


async def test_the_minutes_chain_runs_to_published(bot: BotUnderTest) -> None:
    """Request to the secretary, "för justering" with its deadline, the office registers the
    link (to the meeting just held, not to a later all-day event), "publicerat" in the
    channel."""
    db = await _setup(bot)
    await _office_channel(bot)
    held = await db.meetings.save(
        Meeting(None, REGION, "styrgrupp", _day(bot, -9, 9), _day(bot, -9, 12), uid="held")
    )
    await db.meetings.save(  # a conference day after the meeting: never "the meeting held"
        Meeting(None, REGION, "styrgrupp", _day(bot, -2), _day(bot, -1), uid="day", all_day=True)
    )
    planner, worker = bot.features.planner, delivery_worker(bot, "minutes")
    group = governance().group(REGION, "styrgrupp")
    assert group is not None
    (approval_due,) = [
        p.due_at for p in due_posts(held, group, planner.rules, TZ) if p.kind is PostKind.APPROVAL
    ]
    # Each day from the meeting, 08.00, until the approval is out (holidays may delay it).
    moments = [_day(bot, days, 8) for days in range(-9, 30)]
    sent_before = len(bot.stub.sent())
    for moment in [m for m in moments if m <= approval_due + timedelta(days=1)]:
        bot.clock.set(moment)
        await planner.plan(moment)
        await worker.run_once(moment)
    kinds = [e.post.kind for e in await db.outbox.list(limit=100) if e.post.meeting_id == held.id]
    assert "protokoll-begaran" in kinds and "protokoll-for-justering" in kinds
    approval = next(
        a for a in bot.stub.sent()[sent_before:] if "Protokoll för justering:" in _text(a)
    )
    assert "senast" in _text(approval).lower()  # the deadline is named

    told = _text(await _say(bot, "protokoll styrgruppen https://exempel.invalid/protokoll.pdf"))
    when = held.start.astimezone(TZ)
    assert f"{when.day} " in told  # it says which meeting it chose: the one held
    stored = await db.meetings.get(held.id or 0)
    assert stored is not None and stored.minutes_url.endswith("protokoll.pdf")
    await planner.plan(bot.clock.now())
    await worker.run_once(bot.clock.now())
    published = [a for a in bot.stub.sent(STYRGRUPP) if "publicerat" in _text(a).lower()]
    assert len(published) == 1 and "protokoll.pdf" in _text(published[0])


async def test_after_downtime_what_is_useful_goes_late_and_the_office_is_told_once(
    bot: BotUnderTest,
) -> None:
    db = await _setup(bot)
    await _office_channel(bot)
    planner = bot.features.planner
    last, back = _day(bot, 0, 8), _day(bot, 14, 9)  # the last round, then two weeks down

    def notice_due(group: str, days: int) -> datetime:
        meeting = Meeting(None, REGION, group, _day(bot, days, 13), _day(bot, days, 15))
        found = governance().group(REGION, group)
        assert found is not None
        posts = due_posts(meeting, found, planner.rules, TZ)
        return next(p.due_at for p in posts if p.kind is PostKind.NOTICE)

    # Weekends and holidays move notices, so the days are chosen by when the notice falls:
    # a meeting still ahead whose notice fell due while down, and one held while down
    # whose notice also fell due then (both expired unsent).
    ahead_day = next(d for d in range(15, 30) if last < notice_due("styrgrupp", d) < back)
    missed_day = next(d for d in range(13, 0, -1) if last < notice_due("au", d) < back)
    for group, days, uid in (("styrgrupp", ahead_day, "ahead"), ("au", missed_day, "missed")):
        await db.meetings.save(
            Meeting(None, REGION, group, _day(bot, days, 13), _day(bot, days, 15), uid=uid)
        )
    await planner.plan(last)  # nothing of theirs was due yet
    (ahead,) = await db.meetings.upcoming(REGION, "styrgrupp", _day(bot, 0), limit=1)
    (missed,) = await db.meetings.upcoming(REGION, "au", _day(bot, 0), limit=1)
    report = await planner.plan(back)
    late_kinds = {p.kind for p in report.late if p.meeting_id == ahead.id}
    assert "kallelse" in late_kinds
    assert {p.kind for p in report.skipped if p.meeting_id == missed.id} >= {"kallelse"}
    again = await planner.plan(back + timedelta(minutes=5))  # nothing twice
    assert again.late == [] and again.skipped == []

    worker = delivery_worker(bot, "late")
    await worker.run_once(back)
    late = [a for a in bot.stub.sent(STYRGRUPP) if "Försenat" in _text(a)]
    (notice,) = [a for a in late if "Kallelse" in _text(a)]  # a reminder may be late too
    assert "skulle ha skickats" in _text(notice)
    told = [a for a in bot.stub.sent(KANSLI) if "sent" in _text(a)]
    assert len(told) == 1
    assert "Skickat nu, märkt som försenat" in _text(told[0])
    assert "Inte skickat" in _text(told[0]) and "Arbetsutskott" in _text(told[0])


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ("DTSTART:00010101T090000Z", "året 1 är inte rimligt"),
        ("DTSTART:20270101T120000Z\r\nDTEND:20270101T090000Z", "slutar"),
        ("DTSTART:20270101T120000Z\r\nDURATION:-PT3H", "slutar"),
        ("DTSTART:20270101T120000Z\r\nDTEND:20270301T120000Z", "längre än 7 dagar"),
        ("DTSTART:20270101T120000Z\r\nRRULE:FREQ=SECONDLY;COUNT=500", "oftare än en gång per dag"),
        ("DTSTART:20270101T120000Z\r\nRRULE:FREQ=DAILY", "fler än 500 möten"),
    ],
)
async def test_impossible_calendar_data_is_refused_by_line_and_nothing_imported(
    bot: BotUnderTest, tmp_path: Path, event: str, expected: str
) -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        "BEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20270105T120000Z\r\nEND:VEVENT\r\n"
        f"BEGIN:VEVENT\r\nUID:bad\r\nSUMMARY:Fel\r\n{event}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path = tmp_path / "fel.ics"
    path.write_text(text, encoding="utf-8")
    db = bot.runtime.db
    with pytest.raises(ImportFailed) as caught:
        await import_meetings(db, governance(), path, group="Södra Älvsborg/AU", tz=TZ)
    (error,) = caught.value.errors
    assert str(error).startswith("rad 7: ") and expected in str(error), str(error)
    assert await db.meetings.upcoming(REGION, "au", _day(bot, -3650), with_all_day=True) == []


async def test_oversized_or_overlong_files_are_refused(bot: BotUnderTest, tmp_path: Path) -> None:
    db = bot.runtime.db
    rows = ["region,group,start"] + [
        f"Södra Älvsborg,AU,2027-01-{1 + n % 28:02d} {8 + n // 28:02d}:00" for n in range(40)
    ]
    path = tmp_path / "moten.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    small = ImportLimits(max_bytes=200, max_rows=10)
    with pytest.raises(ImportFailed, match="BOT_MAX_IMPORT_MB"):
        await import_meetings(db, governance(), path, group=None, tz=TZ, limits=small)
    with pytest.raises(ImportFailed, match="BOT_MAX_IMPORT_ROWS"):
        await import_meetings(
            db, governance(), path, group=None, tz=TZ, limits=ImportLimits(max_rows=10)
        )
    assert await db.meetings.upcoming(REGION, "au", _day(bot, -3650)) == []


async def _office_channel(bot: BotUnderTest) -> None:
    await bind_channel(
        bot.runtime.db, KANSLI, "kansli", service_url=bot.service_url, now=bot.clock.now()
    )
