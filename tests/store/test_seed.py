from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from sqlalchemy import func, select

from bot.domain.model import Governance, Membership, Role
from bot.domain.ports import ChannelBinding
from bot.store.database import Database
from bot.store.seed import seed_governance
from bot.store.tables import DocumentRow, GroupRow, RegionRow, SeatRow, SectionRow

SA = "sodra-alvsborg"


async def _count(db: Database, table: type) -> int:
    async with db.sessions.read() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def test_seed_writes_everything_once(db: Database, governance: Governance) -> None:
    assert not await db.is_seeded()
    first = await seed_governance(db, governance)
    assert await db.is_seeded()
    assert (first.regions.added, first.groups.added, first.seats.added) == (3, 8, 3)
    assert (first.documents.added, first.sections.added) == (1, 1)
    assert first.changed

    second = await seed_governance(db, governance)
    assert not second.changed
    assert (second.groups.unchanged, second.seats.unchanged, second.sections.unchanged) == (8, 3, 1)
    tables = (RegionRow, GroupRow, SeatRow, DocumentRow, SectionRow)
    assert [await _count(db, t) for t in tables] == [3, 8, 3, 1, 1]


async def test_seed_updates_and_removes(
    db: Database, governance: Governance, governance_factory: Callable[..., Governance]
) -> None:
    await seed_governance(db, governance)
    changed = governance_factory(with_au=False, extra_section=True)
    sa = changed.regions[0]
    renamed = tuple(
        replace(g, name="Styrgruppen för närvård") if g.key == "styrgrupp" else g for g in sa.groups
    )
    changed = replace(changed, regions=(replace(sa, groups=renamed), *changed.regions[1:]))
    report = await seed_governance(db, changed)
    assert report.groups.updated == 1
    assert report.groups.removed == 1  # AU: nothing refers to it
    assert report.sections.added == 1
    assert report.seats.removed == 0  # AU's seat went with the group, not counted twice
    assert await _count(db, SeatRow) == 2
    assert not (await seed_governance(db, changed)).changed


async def test_referenced_group_is_kept_and_reported(
    db: Database, governance: Governance, governance_factory: Callable[..., Governance]
) -> None:
    await seed_governance(db, governance)
    person = await db.roster.add_person("Anna", "anna@x.se")
    await db.roster.add_membership(Membership(person, SA, "au", Role.MEMBER, "", date(2025, 1, 1)))
    await db.conversations.bind(ChannelBinding("19:au@thread", SA, "au", "Anna", "AU-kanalen"))

    report = await seed_governance(db, governance_factory(with_au=False))
    assert report.groups.removed == 0
    assert any("sodra-alvsborg/au" in line for line in report.kept)
    assert report.orphan_bindings == ["AU-kanalen -> sodra-alvsborg/au"]
    members = await db.roster.memberships_of_group(SA, "au", date(2025, 6, 1))
    assert [m.person.name for m in members] == ["Anna"]
    assert any("behålls" in line for line in report.lines())
