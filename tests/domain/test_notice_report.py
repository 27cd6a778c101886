"""Notices in time (at least a week ahead, in local calendar days), per group, and the table
`kallelse_report` prints from a real database and a delivery record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.loader import load_governance
from bot.domain.model import Meeting
from bot.domain.notice_report import GroupNotices, in_time, notice_report, percent, total
from bot.report_command import kallelse_report
from bot.settings import DEFAULT_DATA_DIR, Settings
from bot.store.database import Database
from bot.store.migrate import upgrade_async
from bot.store.seed import seed_governance

TZ = ZoneInfo("Europe/Stockholm")
SA = "sodra-alvsborg"


def at(day: str, clock: str = "08:00") -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), tzinfo=TZ)


def meeting(ident: int, group: str, day: str, clock: str = "13:00") -> Meeting:
    return Meeting(ident, SA, group, at(day, clock), uid=f"m{ident}")


@pytest.mark.parametrize(
    ("start", "sent", "expected"),
    [
        (at("2027-01-12", "13:00"), at("2027-01-05", "08:00"), True),
        # Same date a week before counts, whatever the clock: 07.30 meeting, 08.00 notice.
        (at("2027-01-12", "07:30"), at("2027-01-05", "08:00"), True),
        (at("2027-01-12", "13:00"), at("2027-01-05", "23:59"), True),
        (at("2027-01-12", "13:00"), at("2027-01-06", "00:00"), False),
        (at("2027-01-12", "13:00"), at("2026-12-22", "08:00"), True),
        # Local dates, not UTC: 00.30 on the 6th in Sweden is still the 5th in UTC.
        (at("2027-01-12", "13:00"), at("2027-01-06", "00:30").astimezone(UTC), False),
        (at("2027-01-12", "13:00"), datetime(2027, 1, 5, 22, 59, tzinfo=UTC), True),
    ],
)
def test_in_time(start: datetime, sent: datetime, expected: bool) -> None:
    assert in_time(start, sent, TZ) is expected


def test_report_per_group() -> None:
    meetings = [
        meeting(1, "styrgrupp", "2027-01-12"),
        meeting(2, "styrgrupp", "2027-02-09"),
        meeting(3, "styrgrupp", "2027-03-09"),
        meeting(4, "dps", "2027-01-20"),
        Meeting(None, SA, "dps", at("2027-02-20"), uid="no-id"),
    ]
    sent = {1: at("2027-01-05"), 2: at("2027-02-04"), 4: at("2027-01-13")}
    rows = notice_report(meetings, sent, TZ)
    assert rows == [
        GroupNotices(SA, "dps", meetings=2, in_time=1, late=0, not_sent=1),
        GroupNotices(SA, "styrgrupp", meetings=3, in_time=1, late=1, not_sent=1),
    ]
    assert rows[0].share == 0.5 and percent(rows[1].share) == "33 %"
    assert total(rows) == GroupNotices("", "", 5, 2, 1, 2)
    assert percent(GroupNotices(SA, "au", 0, 0, 0, 0).share) == "–"
    assert notice_report([], {}, TZ) == []


async def test_kallelse_report_prints_a_swedish_table(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    governance = load_governance(DEFAULT_DATA_DIR)
    await upgrade_async(database_url)
    db = await Database.connect(database_url)
    try:
        await seed_governance(db, governance)
        saved = [
            await db.meetings.save(replace(m, id=None))  # uid m1…m6; the id is the database's
            for m in (
                meeting(1, "styrgrupp", "2027-01-12"),
                meeting(2, "styrgrupp", "2027-02-09"),
                meeting(3, "uppdragsgrupper", "2027-01-20"),
                meeting(4, "styrgrupp", "2027-04-13"),  # after `now`: not yet measured
                meeting(5, "kansli", "2027-01-14"),  # no notices for the office's meetings
                meeting(6, "styrgrupp", "2026-12-01"),  # before the period
            )
        ]
    finally:
        await db.dispose()
    ids = [m.id for m in saved]
    asked: list[tuple[int, str]] = []

    async def delivered_at(meeting_id: int, kind: str) -> Mapping[str, datetime | None]:
        asked.append((meeting_id, kind))
        # Per conversation, as the outbox answers; the earliest delivery counts.
        return {
            ids[0]: {"19:general": at("2027-01-05"), "19:other": None},
            ids[1]: {"19:general": at("2027-02-03")},
        }.get(meeting_id, {})

    settings = replace(Settings(), database_url=database_url)
    code = await kallelse_report(
        settings, date(2027, 1, 1), date(2027, 3, 31), delivered_at, now=at("2027-03-01")
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "Kallelser i tid (minst 7 dagar före mötet), 2027-01-01–2027-03-31" in out
    lines = out.splitlines()
    steering = next(line for line in lines if line.startswith("Styrgrupp närvård"))
    assert steering.split()[-4:] == ["2", "1", "50", "%"]
    commissioned = next(line for line in lines if line.startswith("Uppdragsgrupper"))
    assert commissioned.split()[-4:] == ["1", "0", "0", "%"]
    assert next(line for line in lines if line.startswith("Totalt")).split()[1:] == [
        "3", "1", "33", "%",
    ]  # fmt: skip
    assert "Närvårdskontoret" not in out
    assert "Sena: 1. Inte skickade: 1." in out
    assert sorted(asked) == sorted((i, "kallelse") for i in (ids[0], ids[1], ids[2]))


async def test_kallelse_report_without_a_delivery_record(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = await kallelse_report(
        Settings(), date(2027, 1, 1), date(2027, 3, 31), None, now=at("2027-03-01")
    )
    assert code == 1
    assert "ingen utskickslogg" in capsys.readouterr().out
