"""Read a meeting plan (CSV/XLSX table or an Outlook .ics export) into meetings; pure.

Times in a table are local (interpreted in the given zone); calendar times keep their own
zone. Every meeting gets a stable uid so importing the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.model import Governance, Group, Meeting
from bot.domain.roster_file import resolve_group, resolve_group_spec
from bot.domain.table_file import (
    FileProblem,
    ImportLimits,
    RowError,
    Table,
    cell,
    columns,
    read_table,
)

MEETING_COLUMNS: dict[str, tuple[str, ...]] = {
    "region": ("region",),
    "group": ("group", "grupp"),
    "start": ("start", "borjar", "fran"),
    "end": ("end", "slut", "till"),
    "location": ("location", "plats", "lokal"),
    "title": ("title", "titel", "rubrik"),
    "agenda_url": ("agenda url", "agenda", "dagordning"),
    "teams_url": ("teams url", "teams", "teamslank"),
}
UID_MAX = 255
RECURRENCE_YEARS = 3  # a series is expanded this far ahead
# Series repeating more often than daily are no meeting plan (a typo or a hostile file).
_TOO_FREQUENT = ("SECONDLY", "MINUTELY", "HOURLY")
_LOOSE_TIME = re.compile(r"^(\d{4}-\d\d-\d\d)[ T](\d{1,2})[:.](\d\d)$")
_TEAMS_LINK = re.compile(r"https://teams\.microsoft\.com/l/meetup-join/[^\s<>\"]+")


@dataclass(frozen=True, slots=True)
class ParsedMeeting:
    line: int
    meeting: Meeting
    has_teams_url: bool  # a table without the column must not clear a stored link


@dataclass(slots=True)
class ParsedMeetings:
    meetings: list[ParsedMeeting] = field(default_factory=list)
    cancelled: list[tuple[str, str, str]] = field(default_factory=list)  # (region, group, uid)
    errors: list[RowError] = field(default_factory=list)


def csv_uid(region: str, group: str, start: datetime) -> str:
    """A table row's stable id: the same group and start time is the same meeting."""
    moment = start.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
    return "csv-" + hashlib.sha256(f"{region}|{group}|{moment}".encode()).hexdigest()[:32]


def _short_uid(uid: str) -> str:
    return uid if len(uid) <= UID_MAX else "sha256:" + hashlib.sha256(uid.encode()).hexdigest()


def parse_local(text: str, tz: ZoneInfo) -> datetime | None:
    """'2026-03-12 09:00', '2026-03-12T9.00', '…+01:00' -> aware datetime; None if invalid."""
    loose = _LOOSE_TIME.match(text)
    if loose:
        text = f"{loose[1]} {int(loose[2]):02d}:{loose[3]}"
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10:  # a date alone: a meeting needs a time
        return None
    return value if value.tzinfo else value.replace(tzinfo=tz)


def parse_meetings(
    path: Path,
    governance: Governance,
    *,
    group: str | None,
    tz: ZoneInfo,
    limits: ImportLimits | None = None,
) -> ParsedMeetings:
    limits = limits or ImportLimits()
    if path.suffix.lower() in (".ics", ".ical", ".ifb"):
        if not group:
            return ParsedMeetings(
                errors=[RowError(0, "ange vilken grupp kalendern gäller (--group NAMN)")]
            )
        target, problem = resolve_group_spec(governance, group)
        if target is None:
            return ParsedMeetings(errors=[RowError(0, problem or f'okänd grupp "{group}"')])
        try:
            too_big = limits.size_problem(path.stat().st_size)
            if too_big:
                return ParsedMeetings(errors=[RowError(0, f"{path.name}: {too_big}")])
            return parse_ics(path.read_bytes(), target, tz, limits)
        except OSError as error:
            return ParsedMeetings(errors=[RowError(0, f"{path.name}: {error}")])
    try:
        table = read_table(path, limits)
    except (FileProblem, OSError) as error:
        return ParsedMeetings(errors=[RowError(0, f"{path.name}: {error}")])
    return parse_meeting_table(table, governance, group=group, tz=tz, limits=limits)


def parse_meeting_table(
    table: Table,
    governance: Governance,
    *,
    group: str | None,
    tz: ZoneInfo,
    limits: ImportLimits | None = None,
) -> ParsedMeetings:
    limits = limits or ImportLimits()
    required = ("start",) if group else ("group", "start")
    index, written, errors = columns(table.header, MEETING_COLUMNS, required)
    parsed = ParsedMeetings(errors=errors)
    if errors:
        return parsed
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        problems: list[str] = []
        group_text = cell(cells, index, "group")
        if group_text:
            target, problem = resolve_group(governance, cell(cells, index, "region"), group_text)
        else:
            target, problem = resolve_group_spec(governance, group or "")
        if problem:
            problems.append(problem)
        start_text = cell(cells, index, "start")
        start = parse_local(start_text, tz)
        if start is None:
            problems.append(
                f'tiden "{start_text}" i kolumnen {written["start"]} är inte en giltig tid '
                "(skriv ÅÅÅÅ-MM-DD TT:MM)"
                if start_text
                else f"kolumnen {written['start']} är tom (skriv ÅÅÅÅ-MM-DD TT:MM)"
            )
        end_text = cell(cells, index, "end")
        end: datetime | None = None
        if end_text and start is not None:
            if re.fullmatch(r"\d{1,2}[:.]\d\d", end_text):  # "12:00": same day as the start
                end_text = f"{start.astimezone(tz).date().isoformat()} {end_text}"
            end = parse_local(end_text, tz)
            if end is None:
                problems.append(
                    f'tiden "{end_text}" i kolumnen {written["end"]} är inte en giltig tid '
                    "(skriv ÅÅÅÅ-MM-DD TT:MM eller TT:MM)"
                )
            elif end <= start:
                problems.append(f"mötet slutar ({end_text}) innan det börjar ({start_text})")
            elif end - start > timedelta(days=limits.max_days):
                problems.append(
                    f"mötet är längre än {limits.max_days} dagar ({start_text}–{end_text})"
                )
        if start is not None and limits.year_problem(start):
            problems.append(f"{start_text}: {limits.year_problem(start)}")
        if problems or target is None or start is None:
            parsed.errors.extend(RowError(line, p) for p in problems)
            continue
        uid = csv_uid(target.region, target.key, start)
        if uid in seen:
            parsed.errors.append(RowError(line, f"samma möte som på rad {seen[uid]} (dubblett)"))
            continue
        seen[uid] = line
        meeting = Meeting(
            id=None,
            region=target.region,
            group=target.key,
            start=start,
            end=end,
            location=cell(cells, index, "location"),
            title=cell(cells, index, "title"),
            agenda_url=cell(cells, index, "agenda_url"),
            teams_url=cell(cells, index, "teams_url"),
            uid=uid,
        )
        parsed.meetings.append(ParsedMeeting(line, meeting, has_teams_url="teams_url" in index))
    return parsed


# ---------------------------------------------------------------- iCalendar


def _check_times(start: datetime, end: datetime | None, limits: ImportLimits) -> None:
    problem = limits.year_problem(start)
    if problem:
        raise _Refused(f"händelsen börjar {start:%Y-%m-%d}: {problem}")
    if end is not None and end < start:
        raise _Refused(f"händelsen slutar ({end:%Y-%m-%d %H:%M}) innan den börjar")
    if end is not None and end - start > timedelta(days=limits.max_days):
        raise _Refused(f"händelsen är längre än {limits.max_days} dagar")


def _aware(value: date | datetime, tz: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)  # floating time: local
    return datetime.combine(value, time(0), tzinfo=tz)  # an all-day event


def _text(event: Any, name: str) -> str:
    value = event.get(name)
    return " ".join(str(value).split()) if value is not None else ""


def _teams_url(event: Any) -> str:
    explicit = _text(event, "X-MICROSOFT-SKYPETEAMSMEETINGURL")
    if explicit:
        return explicit
    found = _TEAMS_LINK.search(str(event.get("DESCRIPTION", "")))
    return found.group(0) if found else ""


def _dates(prop: Any, tz: ZoneInfo) -> set[datetime]:
    """EXDATE may be repeated and each may list several dates."""
    props = prop if isinstance(prop, list) else [prop] if prop is not None else []
    return {
        _aware(item.dt, tz).astimezone(UTC) for each in props for item in getattr(each, "dts", [])
    }


def _occurrence_uid(uid: str, start: datetime) -> str:
    return _short_uid(f"{uid}/{start.astimezone(UTC):%Y%m%dT%H%M%SZ}")


class _Refused(ValueError):
    """An event the import refuses; the message says why, in Swedish."""


def _expand(event: Any, start: datetime, tz: ZoneInfo, limit: int) -> list[datetime]:
    from dateutil.rrule import rrulestr

    rule = event["RRULE"].to_ical().decode()
    frequency = next((p[5:] for p in rule.upper().split(";") if p.startswith("FREQ=")), "")
    if frequency in _TOO_FREQUENT:
        raise _Refused(f"serien upprepas oftare än en gång per dag (FREQ={frequency})")
    horizon = start + timedelta(days=365 * RECURRENCE_YEARS)
    excluded = _dates(event.get("EXDATE"), tz)
    out: list[datetime] = []
    for occurrence in rrulestr(rule, dtstart=start):
        if occurrence > horizon:
            break
        if occurrence.astimezone(UTC) not in excluded:
            out.append(occurrence)
        if len(out) > limit:
            raise _Refused(
                f"serien ger fler än {limit} möten inom {RECURRENCE_YEARS} år "
                "(inställningen BOT_MAX_OCCURRENCES)"
            )
    return out


def _event_lines(data: bytes) -> list[int]:
    """The line each VEVENT begins on, in file order (BEGIN lines are never folded)."""
    lines = data.decode("utf-8", "replace").splitlines()
    return [n for n, line in enumerate(lines, start=1) if line.strip().upper() == "BEGIN:VEVENT"]


def parse_ics(
    data: bytes, group: Group, tz: ZoneInfo, limits: ImportLimits | None = None
) -> ParsedMeetings:
    """All events of an .ics file as meetings of one group (series expanded)."""
    from icalendar import Calendar

    limits = limits or ImportLimits()
    parsed = ParsedMeetings()
    try:
        calendar = Calendar.from_ical(data)
    except ValueError as error:
        parsed.errors.append(RowError(0, f"kalenderfilen kan inte läsas: {error}"))
        return parsed
    events = list(calendar.walk("VEVENT"))
    too_many = limits.rows_problem(len(events), "händelser")
    if too_many:
        parsed.errors.append(RowError(0, too_many))
        return parsed
    begins = _event_lines(data)
    cancel_all = _text(calendar, "METHOD").upper() == "CANCEL"
    by_uid: dict[str, ParsedMeeting] = {}
    overrides: list[tuple[str, ParsedMeeting]] = []
    for number, event in enumerate(events, start=1):
        # The line the event begins on, as the office's editor shows it; else its number.
        line, unit = (begins[number - 1], "rad") if number <= len(begins) else (number, "händelse")
        uid = _text(event, "UID")
        summary = _text(event, "SUMMARY")
        label = f" ({summary})" if summary else ""
        if not uid:
            parsed.errors.append(RowError(line, f"händelsen saknar UID{label}", unit))
            continue
        if event.get("DTSTART") is None:
            parsed.errors.append(RowError(line, f"händelsen saknar DTSTART{label}", unit))
            continue
        try:
            raw_start = event.decoded("DTSTART")
            # DTSTART;VALUE=DATE: a day in the calendar, not a meeting at 00:00.
            all_day = isinstance(raw_start, date) and not isinstance(raw_start, datetime)
            start = _aware(raw_start, tz)
            if event.get("DTEND") is not None:
                end: datetime | None = _aware(event.decoded("DTEND"), tz)
            elif event.get("DURATION") is not None:
                end = start + event.decoded("DURATION")
            else:
                end = start + timedelta(days=1) if all_day else None
            _check_times(start, end, limits)
            recurrence_id = event.get("RECURRENCE-ID")
            recurrence = _aware(recurrence_id.dt, tz) if recurrence_id is not None else None
            starts = (
                _expand(event, start, tz, limits.max_occurrences)
                if event.get("RRULE") and not recurrence
                else [start]
            )
        except _Refused as refused:
            parsed.errors.append(RowError(line, f"{refused}{label}", unit))
            continue
        except (ValueError, TypeError, KeyError, OverflowError) as error:
            parsed.errors.append(RowError(line, f"ogiltig tid{label}: {error}", unit))
            continue
        length = end - start if end is not None else None
        cancelled = cancel_all or _text(event, "STATUS").upper() == "CANCELLED"
        for occurrence in starts:
            key = (
                _occurrence_uid(uid, recurrence)
                if recurrence is not None
                else _occurrence_uid(uid, occurrence)
                if event.get("RRULE")
                else _short_uid(uid)
            )
            if cancelled:
                parsed.cancelled.append((group.region, group.key, key))
                continue
            meeting = Meeting(
                id=None,
                region=group.region,
                group=group.key,
                start=occurrence,
                end=occurrence + length if length is not None else None,
                location=_text(event, "LOCATION"),
                title=summary,
                agenda_url=_text(event, "URL"),
                teams_url=_teams_url(event),
                uid=key,
                all_day=all_day,
            )
            item = ParsedMeeting(number, meeting, has_teams_url=True)
            if recurrence is not None:
                overrides.append((key, item))  # applied after every series is expanded
            else:
                by_uid[key] = item
    for key, item in overrides:
        by_uid[key] = item
    gone = {uid for _, _, uid in parsed.cancelled}  # a cancelled occurrence of a series
    parsed.meetings.extend(item for key, item in by_uid.items() if key not in gone)
    return parsed
