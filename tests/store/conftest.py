"""A small hand-built Governance for the store tests (independent of data/ and the loader)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.domain.model import (
    Document,
    Governance,
    Group,
    GroupKind,
    Region,
    RegionData,
    SeatSpec,
    Section,
)
from bot.store.database import Database
from bot.store.seed import seed_governance


def _region(key: str, name: str, office: str, local_term: str) -> Region:
    return Region(
        key=key,
        name=name,
        collaboration=f"Vårdsamverkan {name}",
        office_name=office,
        local_group_term=local_term,
        municipalities=(),
    )


def make_governance(*, with_au: bool = True, extra_section: bool = False) -> Governance:
    sa = "sodra-alvsborg"
    sa_groups = [
        Group(
            key="styrgrupp",
            region=sa,
            kind=GroupKind.STEERING_GROUP,
            name="Styrgrupp närvård",
            seats=(
                SeatSpec(key="sas", organisation="SÄS", count=2),
                SeatSpec(key="kommun", organisation="Varje kommun", count=8),
            ),
        ),
        Group(
            key="dps",
            region=sa,
            kind=GroupKind.POLITICAL_COUNCIL,
            name="Delregionalt politiskt samråd",
            short_name="DPS",
        ),
        Group(
            key="uppdragsgrupp-psykisk-halsa",
            region=sa,
            kind=GroupKind.COMMISSIONED_GROUP,
            name="Uppdragsgrupp psykisk hälsa",
            aliases=("psykisk hälsa",),
        ),
    ]
    if with_au:
        sa_groups.append(
            Group(
                key="au",
                region=sa,
                kind=GroupKind.WORKING_COMMITTEE,
                name="Arbetsutskott",
                short_name="AU",
                parent="styrgrupp",
                seats=(SeatSpec(key="ordf", organisation="Ordförande"),),
            )
        )
    sections = [Section(key="4-3", number="4.3", title="Styrgrupp", text="Styrgruppen leder.")]
    if extra_section:
        sections.append(Section(key="5", number="5", title="Ekonomi", text="Lika delar."))
    documents = (
        Document(
            key="sa-overenskommelse",
            region=sa,
            title="Överenskommelse om samverkan",
            period="2022–2025",
            source_file="sa.yaml",
            sections=tuple(sections),
        ),
    )
    regions = [
        RegionData(
            region=_region(sa, "Södra Älvsborg", "Närvårdskontoret", "lokal ledningsgrupp"),
            groups=tuple(sa_groups),
            documents=documents,
        )
    ]
    for key, name in (("fyrbodal", "Fyrbodal"), ("skaraborg", "Skaraborg")):
        regions.append(
            RegionData(
                region=_region(key, name, "Vårdsamverkans kansli", "lokal samverkansgrupp"),
                groups=(
                    Group(
                        key="styrgrupp",
                        region=key,
                        kind=GroupKind.STEERING_GROUP,
                        name="Styrgrupp",
                    ),
                    Group(
                        key="dps",
                        region=key,
                        kind=GroupKind.POLITICAL_COUNCIL,
                        name="Delregionalt politiskt samråd",
                        short_name="DPSF" if key == "fyrbodal" else "DPS",
                    ),
                ),
                documents=(),
            )
        )
    return Governance(regions=tuple(regions))


@pytest.fixture
def governance_factory() -> Callable[..., Governance]:
    """make_governance itself, for tests that need a changed copy of the data."""
    return make_governance


@pytest.fixture
def governance() -> Governance:
    return make_governance()


@pytest.fixture
async def seeded(db: Database, governance: Governance) -> Database:
    await seed_governance(db, governance)
    return db
