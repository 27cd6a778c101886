from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from bot.domain.model import Governance, Role
from bot.domain.roster_file import parse_role
from bot.store.database import Database
from bot.store.imports import ImportFailed, import_roster
from bot.store.tables import MembershipRow, PersonRow

SA = "sodra-alvsborg"
TODAY = date(2025, 6, 1)
HEADER = "region,group,seat,role,name,email,organisation,from,to"
ROWS = [
    "Södra Älvsborg,Styrgrupp närvård,SÄS,Ordförande,Bo Ek,Bo.Ek@vgregion.se,SÄS,2024-01-01,",
    "sodra alvsborg,STYRGRUPPEN,Borås Stad,ledamot,Anna Berg,anna.berg@boras.se,Borås Stad,"
    "2024-01-01,2025-12-31",
    "Södra Älvsborg,AU,Borås Stad,vice ordf.,Anna Berg,anna.berg@boras.se,Borås Stad,2024-01-01,",
    "Fyrbodal,dpsf,Uddevalla,Ersattare,Cecilia Ny,cecilia@uddevalla.se,Uddevalla,2025-01-01,",
]


def _write_csv(path: Path, lines: list[str], *, sep: str = ",", encoding: str = "utf-8") -> Path:
    text = "\r\n".join(line.replace(",", sep) for line in lines) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


async def _count(db: Database, table: type) -> int:
    async with db.sessions.read() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def _check_imported(db: Database) -> None:
    styrgrupp = await db.roster.memberships_of_group(SA, "styrgrupp", TODAY)
    assert [(m.person.name, m.role, m.seat) for m in styrgrupp] == [
        ("Bo Ek", Role.CHAIR, "SÄS"),
        ("Anna Berg", Role.MEMBER, "Borås Stad"),
    ]
    au = await db.roster.memberships_of_group(SA, "au", TODAY)
    assert [(m.person.email, m.role) for m in au] == [("anna.berg@boras.se", Role.VICE_CHAIR)]
    assert styrgrupp[1].valid_to == date(2025, 12, 31)
    fyrbodal = await db.roster.memberships_of_group("fyrbodal", "dps", TODAY)
    assert [m.role for m in fyrbodal] == [Role.DEPUTY]
    assert await _count(db, PersonRow) == 3


@pytest.mark.parametrize(
    ("sep", "encoding"),
    [(",", "utf-8"), (";", "utf-8-sig"), (";", "cp1252"), ("\t", "utf-8-sig")],
    ids=["comma", "semicolon-bom", "semicolon-cp1252", "tab"],
)
async def test_import_csv(
    seeded: Database, governance: Governance, tmp_path: Path, sep: str, encoding: str
) -> None:
    path = _write_csv(tmp_path / "roster.csv", [HEADER, *ROWS], sep=sep, encoding=encoding)
    report = await import_roster(seeded, governance, path, today=TODAY)
    assert (report.added, report.updated, report.unchanged) == (4, 0, 0)
    assert (report.people_added, report.people_unchanged) == (3, 0)
    await _check_imported(seeded)

    again = await import_roster(seeded, governance, path, today=TODAY)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert (again.people_added, again.people_updated, again.people_unchanged) == (0, 0, 3)
    assert not again.changed and again.warnings == []
    assert await _count(seeded, MembershipRow) == 4


async def test_import_xlsx(seeded: Database, governance: Governance, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([h.upper() for h in HEADER.split(",")])  # header names are case-insensitive
    for line in ROWS:
        cells: list[object] = line.split(",")
        # Excel stores typed dates; the reader must accept those as well as text.
        cells[7] = datetime.fromisoformat(str(cells[7]))
        cells[8] = date.fromisoformat(str(cells[8])) if cells[8] else None
        sheet.append(cells)
    sheet.append([])  # trailing empty rows are common in edited sheets
    path = tmp_path / "roster.xlsx"
    workbook.save(path)
    report = await import_roster(seeded, governance, path, today=TODAY)
    assert report.added == 4
    await _check_imported(seeded)
    assert (await import_roster(seeded, governance, path, today=TODAY)).unchanged == 4


async def test_bad_rows_are_all_reported_and_nothing_is_imported(
    seeded: Database, governance: Governance, tmp_path: Path
) -> None:
    lines = [
        HEADER,
        ROWS[0],  # rad 2: fine
        "Södra Älvsborg,Styrgrupp,SÄS,ledamot,Bo Ek,bo.ek@vgregion.se,SÄS,2024-01-01,",  # rad 3
        "Södra Älvsborg,Styrgrupp,SÄS,ledamot,Ada,ada@x.se,SÄS,2026-13-01,",  # rad 4
        "Norrland,Styrgrupp,,ledamot,Ada,ada@x.se,,2024-01-01,",  # rad 5
        "Södra Älvsborg,Styrgrupp,,kassör,Ada,ada-at-x.se,,2024-01-01,",  # rad 6
        "Södra Älvsborg,Styrgrupen,,ledamot,Ada,ada@x.se,,2024-01-01,",  # rad 7
        "Södra Älvsborg,Styrgrupp,,ledamot,Ada,ada@x.se,,2025-01-01,2024-01-01",  # rad 8
        ROWS[0],  # rad 9: the same membership as rad 2
    ]
    path = _write_csv(tmp_path / "roster.csv", lines)
    with pytest.raises(ImportFailed) as caught:
        await import_roster(seeded, governance, path, today=TODAY)
    messages = [str(e) for e in caught.value.errors]
    assert messages == [
        'rad 4: datumet "2026-13-01" i kolumnen from är inte ett giltigt datum (skriv ÅÅÅÅ-MM-DD)',
        'rad 5: okänd region "Norrland" (kända: Södra Älvsborg, Fyrbodal, Skaraborg)',
        'rad 6: okänd roll "kassör" (skriv en av: ordförande, vice ordförande, sekreterare, '
        "ledamot, ersättare, adjungerad, föredragande, projektledare, koordinator, "
        "tjänsteperson)",
        'rad 6: e-postadressen "ada-at-x.se" är inte giltig',
        'rad 7: okänd grupp "Styrgrupen" i Södra Älvsborg',
        "rad 8: slutdatumet 2024-01-01 är före startdatumet 2025-01-01",
        "rad 9: samma uppdrag som på rad 2 (dubblett)",
    ]
    assert "roster.csv: 7 fel, inget importerades" in str(caught.value)
    assert await _count(seeded, PersonRow) == 0
    assert await _count(seeded, MembershipRow) == 0


async def test_missing_columns(seeded: Database, governance: Governance, tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "roster.csv", ["region,group,name", "Fyrbodal,DPS,Ada"])
    with pytest.raises(ImportFailed) as caught:
        await import_roster(seeded, governance, path, today=TODAY)
    assert str(caught.value.errors[0]).startswith("rad 1: kolumn saknas i rubrikraden: role")


async def test_unsupported_file(seeded: Database, governance: Governance, tmp_path: Path) -> None:
    path = tmp_path / "roster.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(ImportFailed, match=r"filtypen \.pdf stöds inte"):
        await import_roster(seeded, governance, path, today=TODAY)


async def test_import_needs_seeded_groups(
    db: Database, governance: Governance, tmp_path: Path
) -> None:
    path = _write_csv(tmp_path / "roster.csv", [HEADER, ROWS[0]])
    with pytest.raises(ImportFailed, match="kör seed först"):
        await import_roster(db, governance, path, today=TODAY)
    assert await _count(db, PersonRow) == 0


async def test_changes_update_and_warn(
    seeded: Database, governance: Governance, tmp_path: Path
) -> None:
    await import_roster(
        seeded, governance, _write_csv(tmp_path / "a.csv", [HEADER, *ROWS]), today=TODAY
    )
    changed = [
        HEADER,
        # Bo's chair ends and his name is corrected; Anna's styrgrupp row is missing.
        "Södra Älvsborg,Styrgrupp,SÄS,ordf.,Bo Ekström,bo.ek@vgregion.se,SÄS,2024-01-01,2025-12-31",
        ROWS[2],
    ]
    report = await import_roster(
        seeded, governance, _write_csv(tmp_path / "b.csv", changed), today=TODAY
    )
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    assert (report.people_updated, report.people_unchanged) == (1, 1)
    assert len(report.warnings) == 1 and "Anna Berg (ledamot)" in report.warnings[0]
    bo = await seeded.roster.person_by_email("bo.ek@vgregion.se")
    assert bo is not None and bo.name == "Bo Ekström"
    assert "uppdrag: 0 nya, 1 ändrade, 1 oförändrade" in str(report)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Ordförande", Role.CHAIR),
        ("ORDF.", Role.CHAIR),
        ("ordforande", Role.CHAIR),
        ("Vice ordf.", Role.VICE_CHAIR),
        ("vice ordforande", Role.VICE_CHAIR),
        ("Sekreterare", Role.SECRETARY),
        ("ersattare", Role.DEPUTY),
        ("Adjungerad", Role.ADJUNCT),
        ("projektledare", Role.PROJECT_LEADER),
        ("foredragande", Role.PRESENTER),
        ("Tjänsteperson", Role.OFFICIAL),
        ("kassör", None),
    ],
)
def test_parse_role(text: str, role: Role | None) -> None:
    assert parse_role(text) is role
