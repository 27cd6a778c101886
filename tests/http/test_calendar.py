"""GET /calendar/<region>/<group>.ics over real HTTP, from a real migrated database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from functools import cache

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from icalendar import Calendar

from bot.calendar_feed import calendar_path, register
from bot.domain.clock import FixedClock
from bot.domain.loader import load_governance
from bot.domain.model import Governance, Meeting
from bot.settings import DEFAULT_DATA_DIR
from bot.store.database import Database
from bot.store.seed import seed_governance

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SA = "sodra-alvsborg"


@cache
def governance() -> Governance:
    return load_governance(DEFAULT_DATA_DIR)


@pytest.fixture
async def client(db: Database) -> AsyncIterator[TestClient]:
    await seed_governance(db, governance())
    saves = [
        # Within the last 90 days, upcoming, and one too old for the feed.
        Meeting(None, SA, "styrgrupp", NOW - timedelta(days=30), NOW - timedelta(days=30, hours=-2),
                location="Borås", title="Styrgrupp närvård", uid="past",
                minutes_url="https://example.invalid/protokoll.pdf"),
        Meeting(None, SA, "styrgrupp", datetime(2026, 12, 8, 12, tzinfo=UTC),
                datetime(2026, 12, 8, 14, tzinfo=UTC), location="Sjuhärads kommunalförbund, Borås",
                agenda_url="https://example.invalid/dagordning.pdf",
                teams_url="https://teams.invalid/join", uid="next"),
        Meeting(None, SA, "styrgrupp", NOW - timedelta(days=120), uid="old"),
        Meeting(None, SA, "au", datetime(2026, 12, 1, 8, tzinfo=UTC), uid="au-1"),
    ]  # fmt: skip
    for meeting in saves:
        await db.meetings.save(meeting)
    app = web.Application()
    register(app, lambda: db.meetings, governance, FixedClock(NOW))
    test_client = TestClient(TestServer(app))
    await test_client.start_server()
    try:
        yield test_client
    finally:
        await test_client.close()


async def test_feed_serves_the_groups_meetings_as_icalendar(client: TestClient) -> None:
    group = governance().group(SA, "styrgrupp")
    assert group is not None
    response = await client.get(calendar_path(group))
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(await response.read())
    assert "Styrgrupp närvård" in str(calendar["X-WR-CALNAME"])
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "past.styrgrupp.sodra-alvsborg@samverkansboten",
        "next.styrgrupp.sodra-alvsborg@samverkansboten",
    }
    upcoming = events["next.styrgrupp.sodra-alvsborg@samverkansboten"]
    assert upcoming.decoded("DTSTART") == datetime(2026, 12, 8, 12, tzinfo=UTC)
    assert upcoming.decoded("DTEND") == datetime(2026, 12, 8, 14, tzinfo=UTC)
    assert str(upcoming["SUMMARY"]) == "Styrgrupp närvård"  # the group's name when untitled
    assert str(upcoming["LOCATION"]) == "Sjuhärads kommunalförbund, Borås"
    description = str(upcoming["DESCRIPTION"])
    assert "Dagordning: https://example.invalid/dagordning.pdf" in description
    assert "Teams-möte: https://teams.invalid/join" in description
    past = events["past.styrgrupp.sodra-alvsborg@samverkansboten"]
    assert "Protokoll: https://example.invalid/protokoll.pdf" in str(past["DESCRIPTION"])
    # The same request again gives the same UIDs: subscribers see updates, not duplicates.
    again = Calendar.from_ical(await (await client.get(calendar_path(group))).read())
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(events)


@pytest.mark.parametrize(
    "path",
    [
        "/calendar/sodra-alvsborg/au.ics",
        "/calendar/Södra%20Älvsborg/AU.ics",
        "/calendar/sodra%20alvsborg/arbetsutskottet.ics",
    ],
)
async def test_keys_or_forgiving_names(client: TestClient, path: str) -> None:
    response = await client.get(path)
    assert response.status == 200, await response.text()
    calendar = Calendar.from_ical(await response.read())
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [
        "au-1.au.sodra-alvsborg@samverkansboten"
    ]


async def test_a_group_without_meetings_is_an_empty_calendar(client: TestClient) -> None:
    response = await client.get("/calendar/fyrbodal/styrgrupp.ics")
    assert response.status == 200
    assert Calendar.from_ical(await response.read()).walk("VEVENT") == []


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/calendar/norrbotten/styrgrupp.ics", "Regionen ”norrbotten” finns inte."),
        ("/calendar/skaraborg/dps.ics", "Gruppen ”dps” finns inte i Skaraborg."),
    ],
)
async def test_unknown_region_or_group_is_404_in_swedish(
    client: TestClient,
    path: str,
    message: str,
) -> None:
    response = await client.get(path)
    assert response.status == 404
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert message in await response.text()
