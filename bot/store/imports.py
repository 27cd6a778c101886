"""Apply the office's roster and meeting files to the database.

Parsing is pure (`bot.domain.roster_file`, `bot.domain.meeting_file`); here the checked
rows are written in one transaction: a file with any bad row imports nothing, and
importing the same file again changes nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meeting_file import parse_meetings
from bot.domain.model import Governance, Role
from bot.domain.roster_file import RosterRow, RowError, parse_roster
from bot.domain.table_file import ImportLimits
from bot.store.database import Database
from bot.store.meetings import apply
from bot.store.roster import active_on
from bot.store.tables import GroupRow, MeetingRow, MembershipRow, PersonRow


class ImportFailed(Exception):
    """The file had bad rows; nothing was imported. `errors` lists every one of them."""

    def __init__(self, errors: Sequence[RowError], source: str = "") -> None:
        self.errors = list(errors)
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        head = f"{where}{len(self.errors)} fel, inget importerades"
        return "\n".join([head, *(f"  {error}" for error in self.errors)])


@dataclass
class ImportReport:
    kind: str  # "roster" or "meetings"
    added: int = 0  # memberships or meetings
    updated: int = 0
    unchanged: int = 0
    removed: int = 0  # meetings cancelled in the calendar
    people_added: int = 0
    people_updated: int = 0
    people_unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.added or self.updated or self.removed or self.people_added or self.people_updated
        )

    def lines(self) -> list[str]:
        what = "uppdrag" if self.kind == "roster" else "möten"
        out = [f"{what}: {self.added} nya, {self.updated} ändrade, {self.unchanged} oförändrade"]
        if self.removed:
            out[0] += f", {self.removed} inställda och borttagna"
        if self.kind == "roster":
            out.append(
                f"personer: {self.people_added} nya, {self.people_updated} ändrade, "
                f"{self.people_unchanged} oförändrade"
            )
        return out + [f"obs: {warning}" for warning in self.warnings]

    def __str__(self) -> str:
        return "\n".join(self.lines())


async def _check_groups(
    session: AsyncSession, wanted: dict[tuple[str, str], int], unit: str = "rad"
) -> None:
    """Fail when the governance data has not been seeded for a group the file names."""
    if not wanted:
        return
    rows = await session.execute(
        select(GroupRow.region, GroupRow.key).where(
            tuple_(GroupRow.region, GroupRow.key).in_(list(wanted))
        )
    )
    present = set(rows.tuples())
    missing = [
        RowError(line, f"gruppen {region}/{key} finns inte i databasen; kör seed först", unit)
        for (region, key), line in wanted.items()
        if (region, key) not in present
    ]
    if missing:
        raise ImportFailed(missing)


def _first_lines(pairs: Iterable[tuple[tuple[str, str], int]]) -> dict[tuple[str, str], int]:
    first: dict[tuple[str, str], int] = {}
    for key, line in pairs:
        first.setdefault(key, line)
    return first


async def import_roster(
    db: Database,
    governance: Governance,
    path: Path,
    *,
    today: date,
    limits: ImportLimits | None = None,
) -> ImportReport:
    """Add or update people and memberships from a CSV/XLSX roster.

    A person is matched by e-mail; a membership by person, group, role, seat and start
    date. Memberships missing from the file are left alone (the file may cover part of
    the roster) but those active `today` in the file's groups are listed as warnings.
    """
    parsed = await asyncio.to_thread(parse_roster, path, governance, limits)
    if parsed.errors:
        raise ImportFailed(parsed.errors, path.name)
    report = ImportReport(kind="roster")
    rows = parsed.rows
    try:
        async with db.sessions.write() as session:
            await _check_groups(session, _first_lines(((r.region, r.group), r.line) for r in rows))
            people = await _apply_people(session, rows, report)
            await _apply_memberships(session, rows, people, report)
            await _warn_missing(session, rows, people, today, report)
    except ImportFailed as failed:
        failed.source = path.name
        raise
    return report


async def _apply_people(
    session: AsyncSession, rows: Sequence[RosterRow], report: ImportReport
) -> dict[str, PersonRow]:
    emails = sorted({row.email for row in rows})
    people: dict[str, PersonRow] = {}
    for chunk in range(0, len(emails), 500):  # stay under SQLite's bound-parameter limit
        found = await session.scalars(
            select(PersonRow).where(PersonRow.email.in_(emails[chunk : chunk + 500]))
        )
        people.update({person.email: person for person in found})
    done: set[str] = set()
    for row in rows:
        if row.email in done:  # the first row of a person decides name and organisation
            continue
        done.add(row.email)
        person = people.get(row.email)
        if person is None:
            person = PersonRow(name=row.name, email=row.email, organisation=row.organisation)
            session.add(person)
            people[row.email] = person
            report.people_added += 1
            continue
        changed = person.name != row.name
        person.name = row.name
        # An empty cell means "not stated", not "has no organisation".
        if row.organisation and person.organisation != row.organisation:
            person.organisation = row.organisation
            changed = True
        if changed:
            report.people_updated += 1
        else:
            report.people_unchanged += 1
    await session.flush()  # new people get their ids
    return people


MembershipKey = tuple[int, str, str, str, str, date | None]


def _key(row: MembershipRow) -> MembershipKey:
    return (row.person_id, row.region, row.group_key, row.role, row.seat, row.valid_from)


async def _memberships_of(session: AsyncSession, person_ids: list[int]) -> list[MembershipRow]:
    out: list[MembershipRow] = []
    for chunk in range(0, len(person_ids), 500):
        found = await session.scalars(
            select(MembershipRow).where(
                MembershipRow.person_id.in_(person_ids[chunk : chunk + 500])
            )
        )
        out.extend(found)
    return out


async def _apply_memberships(
    session: AsyncSession,
    rows: Sequence[RosterRow],
    people: dict[str, PersonRow],
    report: ImportReport,
) -> None:
    existing = {_key(m): m for m in await _memberships_of(session, [p.id for p in people.values()])}
    for row in rows:
        person_id = people[row.email].id
        key = (person_id, row.region, row.group, row.role.value, row.seat, row.valid_from)
        membership = existing.get(key)
        if membership is None:
            membership = MembershipRow(
                person_id=person_id,
                region=row.region,
                group_key=row.group,
                role=row.role.value,
                seat=row.seat,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
            )
            session.add(membership)
            existing[key] = membership
            report.added += 1
        elif membership.valid_to != row.valid_to:
            membership.valid_to = row.valid_to
            report.updated += 1
        else:
            report.unchanged += 1
    await session.flush()


async def _warn_missing(
    session: AsyncSession,
    rows: Sequence[RosterRow],
    people: dict[str, PersonRow],
    today: date,
    report: ImportReport,
) -> None:
    groups = {(row.region, row.group) for row in rows}
    in_file = {
        (people[r.email].id, r.region, r.group, r.role.value, r.seat, r.valid_from) for r in rows
    }
    if not groups:
        return
    found = await session.execute(
        select(MembershipRow, PersonRow)
        .join(PersonRow, PersonRow.id == MembershipRow.person_id)
        .where(tuple_(MembershipRow.region, MembershipRow.group_key).in_(list(groups)))
        .where(active_on(today))
        .order_by(MembershipRow.region, MembershipRow.group_key, PersonRow.name)
    )
    for membership, person in found.tuples():
        if _key(membership) not in in_file:
            report.warnings.append(
                f"{person.name} ({Role(membership.role).value}) i "
                f"{membership.region}/{membership.group_key} är aktiv i databasen men finns "
                "inte i filen; ge uppdraget ett slutdatum om det har upphört"
            )


async def import_meetings(
    db: Database,
    governance: Governance,
    path: Path,
    *,
    group: str | None,
    tz: ZoneInfo,
    limits: ImportLimits | None = None,
) -> ImportReport:
    """Add or update meetings from a CSV/XLSX plan or an Outlook .ics export.

    `group` is the group as the user wrote it ("Styrgruppen", "Fyrbodal/styrgrupp");
    required for .ics files, a default for table rows without a group.
    """
    parsed = await asyncio.to_thread(
        parse_meetings, path, governance, group=group, tz=tz, limits=limits
    )
    if parsed.errors:
        raise ImportFailed(parsed.errors, path.name)
    report = ImportReport(kind="meetings")
    unit = "händelse" if path.suffix.lower() == ".ics" else "rad"
    try:
        async with db.sessions.write() as session:
            pairs = [((p.meeting.region, p.meeting.group), p.line) for p in parsed.meetings]
            pairs += [((region, key), 0) for region, key, _ in parsed.cancelled]
            groups = _first_lines(pairs)
            await _check_groups(session, groups, unit)
            existing: dict[tuple[str, str, str], MeetingRow] = {}
            if groups:
                found = await session.scalars(
                    select(MeetingRow).where(
                        tuple_(MeetingRow.region, MeetingRow.group_key).in_(list(groups))
                    )
                )
                existing = {(m.region, m.group_key, m.uid): m for m in found}
            for item in parsed.meetings:
                meeting = item.meeting
                key = (meeting.region, meeting.group, meeting.uid)
                row = existing.get(key)
                if row is None:
                    row = MeetingRow(
                        region=meeting.region,
                        group_key=meeting.group,
                        uid=meeting.uid,
                        teams_url="",
                        minutes_url="",
                    )
                    session.add(row)
                    existing[key] = row
                    report.added += 1
                # Links the file does not carry (minutes, maybe Teams) are kept as they are.
                teams_url = meeting.teams_url if item.has_teams_url else row.teams_url
                changed = apply(
                    row, replace(meeting, teams_url=teams_url, minutes_url=row.minutes_url)
                )
                if row.id is not None:
                    report.updated += int(changed)
                    report.unchanged += int(not changed)
            for cancelled in parsed.cancelled:
                row = existing.pop(cancelled, None)
                if row is not None and row.id is not None:
                    await session.delete(row)
                    report.removed += 1
    except ImportFailed as failed:
        failed.source = path.name
        raise
    return report
