from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.model import Governance
from bot.domain.roster_file import resolve_group_spec
from bot.store.database import Database
from bot.store.imports import ImportFailed, import_meetings

SA = "sodra-alvsborg"
TZ = ZoneInfo("Europe/Stockholm")
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
HEADER = "region,group,start,end,location,title,agenda_url"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


async def _all(db: Database, region: str, group: str) -> list[tuple[datetime, str, str]]:
    meetings = await db.meetings.upcoming(region, group, EPOCH, limit=100)
    return [(m.start, m.location, m.title) for m in meetings]


async def test_csv_meetings(seeded: Database, governance: Governance, tmp_path: Path) -> None:
    lines = [
        HEADER,
        "Södra Älvsborg,Styrgruppen,2026-03-12 09:00,12:00,Borås,Styrgrupp,https://x/agenda",
        "sodra alvsborg,AU,2026-07-02T13.30,2026-07-02 15:00,Teams,AU,",  # summer time
        "Fyrbodal,DPSF,2026-02-05 9:00,,Uddevalla,,",
    ]
    path = _write(tmp_path / "moten.csv", "\n".join(lines))
    report = await import_meetings(seeded, governance, path, group=None, tz=TZ)
    assert (report.added, report.updated, report.unchanged) == (3, 0, 0)

    [styr] = await seeded.meetings.upcoming(SA, "styrgrupp", EPOCH)
    assert styr.start == datetime(2026, 3, 12, 8, 0, tzinfo=UTC)  # CET is UTC+1
    assert styr.end == datetime(2026, 3, 12, 11, 0, tzinfo=UTC)
    assert (styr.location, styr.agenda_url) == ("Borås", "https://x/agenda")
    assert styr.uid.startswith("csv-")
    [au] = await seeded.meetings.upcoming(SA, "au", EPOCH)
    assert au.start == datetime(2026, 7, 2, 11, 30, tzinfo=UTC)  # CEST is UTC+2
    assert len(await seeded.meetings.upcoming("fyrbodal", "dps", EPOCH)) == 1

    again = await import_meetings(seeded, governance, path, group=None, tz=TZ)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)

    # Same group and start: the same meeting, so a new room is an update, not a new meeting.
    lines[1] = lines[1].replace("Borås", "Vänersborg")
    _write(path, "\n".join(lines))
    moved = await import_meetings(seeded, governance, path, group=None, tz=TZ)
    assert (moved.added, moved.updated, moved.unchanged) == (0, 1, 2)
    assert [loc for _, loc, _ in await _all(seeded, SA, "styrgrupp")] == ["Vänersborg"]


async def test_csv_group_from_option(
    seeded: Database, governance: Governance, tmp_path: Path
) -> None:
    path = _write(tmp_path / "au.csv", "start;end;title\n2026-04-01 10:00;11:00;AU\n")
    report = await import_meetings(seeded, governance, path, group="AU", tz=TZ)
    assert report.added == 1
    assert [title for _, _, title in await _all(seeded, SA, "au")] == ["AU"]


async def test_bad_meeting_rows(seeded: Database, governance: Governance, tmp_path: Path) -> None:
    lines = [
        HEADER,
        "Södra Älvsborg,Styrgrupp,2026-03-12 09:00,,,,",  # rad 2: fine
        "Södra Älvsborg,Styrgrupen,2026-03-12 09:00,,,,",  # rad 3
        "Södra Älvsborg,Styrgrupp,2026-03-12,,,,",  # rad 4: no time
        "Södra Älvsborg,Styrgrupp,2026-03-13 10:00,09:00,,,",  # rad 5: ends before start
        "Södra Älvsborg,Styrgrupp,2026-03-12 09:00,,,,",  # rad 6: same as rad 2
    ]
    path = _write(tmp_path / "moten.csv", "\n".join(lines))
    with pytest.raises(ImportFailed) as caught:
        await import_meetings(seeded, governance, path, group=None, tz=TZ)
    assert [str(e) for e in caught.value.errors] == [
        'rad 3: okänd grupp "Styrgrupen" i Södra Älvsborg',
        'rad 4: tiden "2026-03-12" i kolumnen start är inte en giltig tid (skriv ÅÅÅÅ-MM-DD TT:MM)',
        "rad 5: mötet slutar (2026-03-13 09:00) innan det börjar (2026-03-13 10:00)",
        "rad 6: samma möte som på rad 2 (dubblett)",
    ]
    assert await _all(seeded, SA, "styrgrupp") == []


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
METHOD:PUBLISH
BEGIN:VEVENT
UID:040000008200E00074C5B7101A82E0080000000010
SUMMARY:Styrgrupp Fyrbodal
DTSTART;TZID=Europe/Stockholm:20260312T090000
DTEND;TZID=Europe/Stockholm:20260312T120000
LOCATION:Uddevalla\\, Kommunhuset
X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/abc
END:VEVENT
BEGIN:VEVENT
UID:series-1
SUMMARY:AU-avstämning
DTSTART:20260401T070000Z
DURATION:PT1H
RRULE:FREQ=WEEKLY;COUNT=4
EXDATE:20260408T070000Z
DESCRIPTION:Anslut: <https://teams.microsoft.com/l/meetup-join/xyz> tack
END:VEVENT
BEGIN:VEVENT
UID:series-1
RECURRENCE-ID:20260415T070000Z
SUMMARY:AU-avstämning (flyttad)
DTSTART:20260416T070000Z
DURATION:PT1H
END:VEVENT
BEGIN:VEVENT
UID:floating-1
SUMMARY:Planeringsdag
DTSTART:20260520T100000
END:VEVENT
BEGIN:VEVENT
UID:cancelled-1
STATUS:CANCELLED
SUMMARY:Inställt
DTSTART:20260601T100000Z
END:VEVENT
END:VCALENDAR
"""


async def test_ics_meetings(seeded: Database, governance: Governance, tmp_path: Path) -> None:
    path = _write(tmp_path / "kalender.ics", ICS)
    report = await import_meetings(seeded, governance, path, group="Fyrbodal styrgrupp", tz=TZ)
    # 1 single + series of 4 minus 1 EXDATE (one occurrence moved) + 1 floating = 5
    assert (report.added, report.removed) == (5, 0)
    meetings = await seeded.meetings.upcoming("fyrbodal", "styrgrupp", EPOCH, limit=20)
    first = meetings[0]
    assert first.start == datetime(2026, 3, 12, 8, 0, tzinfo=UTC)
    assert first.location == "Uddevalla, Kommunhuset"
    assert first.teams_url == "https://teams.microsoft.com/l/meetup-join/abc"
    assert [(m.start.astimezone(UTC).day, m.start.month, m.title) for m in meetings[1:]] == [
        (1, 4, "AU-avstämning"),
        (16, 4, "AU-avstämning (flyttad)"),
        (22, 4, "AU-avstämning"),
        (20, 5, "Planeringsdag"),
    ]
    assert meetings[1].teams_url == "https://teams.microsoft.com/l/meetup-join/xyz"
    assert meetings[1].end == datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
    assert meetings[-1].start == datetime(2026, 5, 20, 8, 0, tzinfo=UTC)  # floating: local

    again = await import_meetings(seeded, governance, path, group="Fyrbodal/styrgrupp", tz=TZ)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)

    # Outlook later exports the single meeting as cancelled: it is removed.
    cancelled = ICS.replace("SUMMARY:Styrgrupp Fyrbodal", "STATUS:CANCELLED\nSUMMARY:Styrgrupp")
    _write(path, cancelled)
    removed = await import_meetings(seeded, governance, path, group="styrgrupp fyrbodal", tz=TZ)
    assert (removed.removed, removed.unchanged) == (1, 4)


async def test_ics_needs_an_unambiguous_group(
    seeded: Database, governance: Governance, tmp_path: Path
) -> None:
    path = _write(tmp_path / "kalender.ics", ICS)
    with pytest.raises(ImportFailed, match="--group"):
        await import_meetings(seeded, governance, path, group=None, tz=TZ)
    with pytest.raises(ImportFailed) as caught:
        await import_meetings(seeded, governance, path, group="Styrgruppen", tz=TZ)
    message = str(caught.value.errors[0])
    assert "finns i flera regioner (Södra Älvsborg, Fyrbodal, Skaraborg)" in message
    assert '"Södra Älvsborg/Styrgruppen"' in message


async def test_ics_without_a_start(
    seeded: Database, governance: Governance, tmp_path: Path
) -> None:
    text = ICS.replace("DTSTART:20260520T100000\n", "")
    path = _write(tmp_path / "kalender.ics", text)
    with pytest.raises(ImportFailed) as caught:
        await import_meetings(seeded, governance, path, group="AU", tz=TZ)
    assert [str(e) for e in caught.value.errors] == [
        "rad 29: händelsen saknar DTSTART (Planeringsdag)"  # where the event begins
    ]
    assert await _all(seeded, SA, "au") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AU", (SA, "au")),  # only Södra Älvsborg has an AU
        ("Södra Älvsborg/Styrgruppen", (SA, "styrgrupp")),
        ("sodra alvsborg styrgrupp", (SA, "styrgrupp")),
        ("Styrgruppen Skaraborg", ("skaraborg", "styrgrupp")),
        ("fyrbodal / DPSF", ("fyrbodal", "dps")),
        ("DPSF", ("fyrbodal", "dps")),
        ("psykisk halsa", (SA, "uppdragsgrupp-psykisk-halsa")),
        ("styrgruppen", None),
        ("Norrland/styrgrupp", None),
        ("kören", None),
    ],
)
def test_resolve_group_spec(
    governance: Governance, text: str, expected: tuple[str, str] | None
) -> None:
    group, problem = resolve_group_spec(governance, text)
    assert ((group.region, group.key) if group else None) == expected
    assert (problem is None) == (expected is not None)
