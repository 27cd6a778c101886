"""GET /calendar/<region>/<group>.ics: a group's meetings as a calendar to subscribe to.

Members add the URL in Outlook ("Lägg till kalender" → "Från internet"); the notice card
links to it. Served without authentication, like any published meeting calendar: it holds
what the notices already post in the group's channel (time, place, agenda and Teams links),
never members' names. The region and group may be given as keys (`sodra-alvsborg`,
`styrgrupp`) or as names people write (`Södra Älvsborg`, `AU`), matched the forgiving way.

Times are written in UTC, so no VTIMEZONE is needed and every client agrees on them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

from aiohttp import web
from icalendar import Calendar, Event

from bot.domain.clock import Clock
from bot.domain.model import Governance, Group, Meeting
from bot.domain.names import match_group, match_region
from bot.domain.ports import MeetingStore
from bot.domain.schedule import STOCKHOLM

PAST = timedelta(days=90)
# The feed lists every upcoming meeting; this bounds a runaway import, not a real calendar.
MAX_MEETINGS = 2000
PRODID = "-//Samverkansboten//Motesflode//SV"
ROUTE = "/calendar/{region}/{group}.ics"


def calendar_path(group: Group) -> str:
    """The feed's path for a group; the caller puts the bot's public host in front."""
    return f"/calendar/{quote(group.region)}/{quote(group.key)}.ics"


def _event_uid(meeting: Meeting) -> str:
    # Not the imported UID alone: an Outlook invite with that UID may sit in the same
    # person's main calendar, and clients would merge the two.
    ident = meeting.uid or f"id-{meeting.id}"
    return f"{ident}.{meeting.group}.{meeting.region}@samverkansboten"


def _description(meeting: Meeting) -> str:
    lines = []
    if meeting.agenda_url:
        lines.append(f"Dagordning: {meeting.agenda_url}")
    if meeting.teams_url:
        lines.append(f"Teams-möte: {meeting.teams_url}")
    if meeting.minutes_url:
        lines.append(f"Protokoll: {meeting.minutes_url}")
    return "\n".join(lines)


def ics(
    group: Group,
    region_name: str,
    meetings: Sequence[Meeting],
    now: datetime,
    tz: ZoneInfo = STOCKHOLM,
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{group.label} – {region_name}")
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for meeting in meetings:
        event = Event()
        event.add("uid", _event_uid(meeting))
        event.add("dtstamp", now.astimezone(UTC))
        if meeting.all_day:  # VALUE=DATE: a day in every client's own calendar, no time
            first = meeting.start.astimezone(tz).date()
            last = meeting.end.astimezone(tz).date() if meeting.end else first
            event.add("dtstart", first)
            event.add("dtend", max(last, first + timedelta(days=1)))
        else:
            event.add("dtstart", meeting.start.astimezone(UTC))
            if meeting.end is not None and meeting.end > meeting.start:
                event.add("dtend", meeting.end.astimezone(UTC))
        event.add("summary", meeting.title or group.name)
        if meeting.location:
            event.add("location", meeting.location)
        description = _description(meeting)
        if description:
            event.add("description", description)
        if meeting.teams_url:
            event.add("url", meeting.teams_url)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def _not_found(message: str) -> web.Response:
    return web.Response(status=404, text=message, content_type="text/plain", charset="utf-8")


def _find(governance: Governance, region_text: str, group_text: str) -> Group | str:
    """The group, or the Swedish message saying what was not found."""
    data = governance.region(region_text)
    region = data.region if data else match_region(governance, region_text)
    if region is None:
        known = ", ".join(r.region.key for r in governance.regions)
        return f"Regionen ”{region_text}” finns inte. Regioner: {known}."
    group = governance.group(region.key, group_text) or match_group(
        governance, region.key, group_text
    )
    if group is None:
        region_data = governance.region(region.key)
        known = ", ".join(g.key for g in region_data.groups) if region_data else ""
        return f"Gruppen ”{group_text}” finns inte i {region.name}. Grupper: {known}."
    return group


def register(
    app: web.Application,
    meetings: Callable[[], MeetingStore],
    current: Callable[[], Governance],
    clock: Clock,
    tz: ZoneInfo = STOCKHOLM,
) -> None:
    """Add GET /calendar/<region>/<group>.ics. `meetings` and `current` are called per
    request: the database opens on the app's start-up, and the governance changes with
    the office's library."""

    async def feed(request: web.Request) -> web.Response:
        governance = current()
        found = _find(governance, request.match_info["region"], request.match_info["group"])
        if isinstance(found, str):
            return _not_found(found)
        data = governance.region(found.region)
        region_name = data.region.name if data else found.region
        now = clock.now()
        found_meetings = await meetings().upcoming(
            found.region, found.key, now - PAST, limit=MAX_MEETINGS, with_all_day=True
        )
        body = ics(found, region_name, found_meetings, now, tz)
        filename = f"{found.region}-{found.key}.ics"
        return web.Response(
            body=body,
            content_type="text/calendar",
            charset="utf-8",
            headers={
                "Content-Disposition": f'inline; filename="{filename}"',
                # Calendar clients poll; a few minutes' staleness saves the database.
                "Cache-Control": "public, max-age=300",
            },
        )

    app.router.add_get(ROUTE, feed, name="calendar-feed")
