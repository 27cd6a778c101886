"""Write the governance data (regions, groups, seats, documents) into the database.

Idempotent: a second run with the same data changes nothing. Data removed from `data/`
is removed here too, except a group or region that memberships or meetings still refer
to: deleting it would lose the roster, so it stays and the report says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.model import Governance
from bot.store.database import Database
from bot.store.tables import (
    DATA,
    Base,
    ChannelBindingRow,
    DocumentRow,
    GroupRow,
    MeetingRow,
    MembershipRow,
    RegionRow,
    SeatRow,
    SectionRow,
)


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def __str__(self) -> str:
        return (
            f"{self.added} nya, {self.updated} ändrade, {self.unchanged} oförändrade, "
            f"{self.removed} borttagna"
        )


@dataclass
class SeedReport:
    regions: Counts = field(default_factory=Counts)
    groups: Counts = field(default_factory=Counts)
    seats: Counts = field(default_factory=Counts)
    documents: Counts = field(default_factory=Counts)
    sections: Counts = field(default_factory=Counts)
    kept: list[str] = field(default_factory=list)  # removed from data but still referenced
    orphan_bindings: list[str] = field(default_factory=list)  # channels bound to a lost group

    @property
    def changed(self) -> bool:
        return any(
            c.added or c.updated or c.removed
            for c in (self.regions, self.groups, self.seats, self.documents, self.sections)
        )

    def lines(self) -> list[str]:
        out = [
            f"regioner: {self.regions}",
            f"grupper: {self.groups}",
            f"platser: {self.seats}",
            f"dokument: {self.documents}",
            f"avsnitt: {self.sections}",
        ]
        out += [f"behålls: {k}" for k in self.kept]
        out += [f"kanal bunden till okänd grupp: {b}" for b in self.orphan_bindings]
        return out


def _sync(row: Base, values: dict[str, Any]) -> bool:
    """Set the values that differ; True when the row changed."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _upsert(
    session: AsyncSession,
    existing: dict[Any, Any],
    key: Any,
    make: type[Base],
    identity: dict[str, Any],
    values: dict[str, Any],
    counts: Counts,
) -> None:
    row = existing.get(key)
    if row is None:
        session.add(make(**identity, **values))
        counts.added += 1
    elif _sync(row, values):
        counts.updated += 1
    else:
        counts.unchanged += 1


async def _referenced_groups(session: AsyncSession) -> dict[tuple[str, str], int]:
    refs: dict[tuple[str, str], int] = {}
    for table in (MembershipRow, MeetingRow):
        rows = await session.execute(
            select(table.region, table.group_key, func.count()).group_by(
                table.region, table.group_key
            )
        )
        for region, group, count in rows.tuples():
            refs[(region, group)] = refs.get((region, group), 0) + count
    return refs


async def seed_governance(db: Database, governance: Governance) -> SeedReport:
    report = SeedReport()
    async with db.sessions.write() as session:
        regions = {r.key: r for r in await session.scalars(select(RegionRow))}
        for data in governance.regions:
            region = data.region
            _upsert(
                session,
                regions,
                region.key,
                RegionRow,
                {"key": region.key},
                {"name": region.name, "collaboration": region.collaboration},
                report.regions,
            )
        await session.flush()  # groups and documents refer to regions

        groups = {(g.region, g.key): g for g in await session.scalars(select(GroupRow))}
        seats = {(s.region, s.group_key, s.key): s for s in await session.scalars(select(SeatRow))}
        wanted_groups: set[tuple[str, str]] = set()
        wanted_seats: set[tuple[str, str, str]] = set()
        for data in governance.regions:
            for group in data.groups:
                wanted_groups.add((group.region, group.key))
                _upsert(
                    session,
                    groups,
                    (group.region, group.key),
                    GroupRow,
                    {"region": group.region, "key": group.key},
                    {"kind": group.kind.value, "name": group.name, "short_name": group.short_name},
                    report.groups,
                )
        await session.flush()  # seats refer to groups
        for data in governance.regions:
            for group in data.groups:
                for position, seat in enumerate(group.seats):
                    key = (group.region, group.key, seat.key)
                    wanted_seats.add(key)
                    _upsert(
                        session,
                        seats,
                        key,
                        SeatRow,
                        {"region": group.region, "group_key": group.key, "key": seat.key},
                        {
                            "organisation": seat.organisation,
                            "count": seat.count,
                            "voting": seat.voting,
                            "adjunct": seat.adjunct,
                            "note": seat.note,
                            "per": seat.per,
                            "count_stated": seat.count_stated,
                            "position": position,
                        },
                        report.seats,
                    )

        for key, seat_row in seats.items():
            if key not in wanted_seats and (key[0], key[1]) in wanted_groups:
                await session.delete(seat_row)
                report.seats.removed += 1

        documents = {d.key: d for d in await session.scalars(select(DocumentRow))}
        sections = {(s.document_key, s.key): s for s in await session.scalars(select(SectionRow))}
        wanted_documents: set[str] = set()
        wanted_sections: set[tuple[str, str]] = set()
        # Documents the office imported (origin "library") are the library's: seed neither
        # rewrites nor removes them.
        library = {key for key, row in documents.items() if row.origin != DATA}
        for data in governance.regions:
            for doc in data.documents:
                wanted_documents.add(doc.key)
                if doc.key in library:
                    continue
                _upsert(
                    session,
                    documents,
                    doc.key,
                    DocumentRow,
                    {"key": doc.key},
                    {
                        "region": doc.region,
                        "title": doc.title,
                        "period": doc.period,
                        "dated": doc.dated,
                        "source_file": doc.source_file,
                    },
                    report.documents,
                )
        await session.flush()  # sections refer to documents
        for data in governance.regions:
            for doc in data.documents:
                if doc.key in library:
                    continue
                for position, section in enumerate(doc.sections):
                    wanted_sections.add((doc.key, section.key))
                    _upsert(
                        session,
                        sections,
                        (doc.key, section.key),
                        SectionRow,
                        {"document_key": doc.key, "key": section.key},
                        {
                            "number": section.number,
                            "title": section.title,
                            "text": section.text,
                            "position": position,
                        },
                        report.sections,
                    )
        for (doc_key, section_key), section_row in sections.items():
            if doc_key not in library and (doc_key, section_key) not in wanted_sections:
                await session.delete(section_row)
                if doc_key in wanted_documents:  # a removed document's sections go with it
                    report.sections.removed += 1
        await session.flush()
        for doc_key, doc_row in documents.items():
            if doc_key not in wanted_documents and doc_key not in library:
                await session.delete(doc_row)
                report.documents.removed += 1
        await session.flush()

        await _remove_groups(session, groups, wanted_groups, report)
        await _remove_regions(session, governance, regions, report)
        bindings = await session.scalars(select(ChannelBindingRow))
        for binding in bindings:
            if (binding.region, binding.group_key) not in wanted_groups:
                report.orphan_bindings.append(
                    f"{binding.channel_name or binding.conversation_id} -> "
                    f"{binding.region}/{binding.group_key}"
                )
    return report


async def _remove_groups(
    session: AsyncSession,
    groups: dict[tuple[str, str], GroupRow],
    wanted: set[tuple[str, str]],
    report: SeedReport,
) -> None:
    refs = await _referenced_groups(session)
    for key, row in groups.items():
        if key in wanted:
            continue
        if refs.get(key):
            report.kept.append(
                f"gruppen {key[0]}/{key[1]} finns inte längre i data men har "
                f"{refs[key]} medlemskap/möten; den tas inte bort"
            )
            continue
        await session.execute(
            delete(SeatRow).where(SeatRow.region == key[0], SeatRow.group_key == key[1])
        )
        await session.delete(row)
        report.groups.removed += 1
    await session.flush()


async def _remove_regions(
    session: AsyncSession,
    governance: Governance,
    regions: dict[str, RegionRow],
    report: SeedReport,
) -> None:
    wanted = {data.region.key for data in governance.regions}
    for key, row in regions.items():
        if key in wanted or row.origin != DATA:  # regions the office added stay
            continue
        remaining = await session.scalar(
            select(func.count()).select_from(GroupRow).where(GroupRow.region == key)
        )
        if remaining:
            report.kept.append(
                f"regionen {key} finns inte längre i data men har kvar grupper; den tas inte bort"
            )
            continue
        await session.delete(row)
        report.regions.removed += 1
