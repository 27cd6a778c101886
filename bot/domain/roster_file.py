"""Read the office's roster file (CSV or XLSX) into checked rows; pure, no database.

The office edits the roster in Excel and saves it as .xlsx or as CSV (comma or semicolon,
UTF-8 with or without BOM, or Windows-1252 on an older Swedish Excel). Every problem is
reported with its line number in Swedish, so the whole file can be fixed in one go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.domain.model import Governance, Group, Role
from bot.domain.names import fold, match_group, match_region
from bot.domain.table_file import (
    FileProblem,
    ImportLimits,
    RowError,
    Table,
    cell,
    columns,
    read_table,
)

# ---------------------------------------------------------------- values

_ROLE_WORDS: dict[str, Role] = {fold(role.value): role for role in Role}
_ROLE_WORDS.update(
    {
        "ordf": Role.CHAIR,
        "vice ordf": Role.VICE_CHAIR,
        "v ordf": Role.VICE_CHAIR,
        "vice": Role.VICE_CHAIR,
        "viceordforande": Role.VICE_CHAIR,
        "sekr": Role.SECRETARY,
        "ers": Role.DEPUTY,
        "adj": Role.ADJUNCT,
        "adjungerade": Role.ADJUNCT,
        "tjansteman": Role.OFFICIAL,
        "tjanstemann": Role.OFFICIAL,
    }
)


def parse_role(text: str) -> Role | None:
    """'Vice ordf.', 'ORDFÖRANDE', 'ersattare' -> Role; None when unknown."""
    return _ROLE_WORDS.get(fold(text))


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_date(text: str, column: str) -> tuple[date | None, str | None]:
    """(date, None), (None, None) for an empty cell, or (None, Swedish error)."""
    if not text:
        return None, None
    try:
        return date.fromisoformat(text), None
    except ValueError:
        return None, (
            f'datumet "{text}" i kolumnen {column} är inte ett giltigt datum (skriv ÅÅÅÅ-MM-DD)'
        )


def _region_list(governance: Governance) -> str:
    return ", ".join(data.region.name for data in governance.regions)


def resolve_group(
    governance: Governance, region_text: str, group_text: str
) -> tuple[Group | None, str | None]:
    """The group a row names, or a Swedish error; an empty region falls back to the spec."""
    if not group_text:
        return None, "gruppen saknas"
    if not region_text:
        return resolve_group_spec(governance, group_text)
    region = match_region(governance, region_text)
    if region is None:
        return None, f'okänd region "{region_text}" (kända: {_region_list(governance)})'
    group = match_group(governance, region.key, group_text)
    if group is None:
        return None, f'okänd grupp "{group_text}" i {region.name}'
    return group, None


def _own_names(group: Group) -> set[str]:
    return {fold(n) for n in (group.name, group.short_name, *group.aliases) if n}


def resolve_group_spec(governance: Governance, text: str) -> tuple[Group | None, str | None]:
    """A group written with or without its region: "Styrgruppen", "Fyrbodal/styrgrupp",
    "styrgrupp Fyrbodal", "Fyrbodal styrgrupp"."""
    text = text.strip()
    if "/" in text:
        region_text, _, group_text = text.partition("/")
        return resolve_group(governance, region_text.strip(), group_text.strip())
    words = text.split()
    found: dict[tuple[str, str], Group] = {}
    # Try every split of the words into a leading or trailing region name and the rest.
    for cut in range(1, len(words)):
        for region_words, group_words in (
            (words[:cut], words[cut:]),
            (words[len(words) - cut :], words[: len(words) - cut]),
        ):
            region = match_region(governance, " ".join(region_words))
            if region is None:
                continue
            group = match_group(governance, region.key, " ".join(group_words))
            if group is not None:
                found[(group.region, group.key)] = group
    if len(found) == 1:
        return next(iter(found.values())), None
    if not found:
        for data in governance.regions:
            group = match_group(governance, data.region.key, text)
            if group is not None:
                found[(group.region, group.key)] = group
    if len(found) > 1:
        # "DPSF" is a kind word everywhere but the short name of one region's group only.
        own = {k: g for k, g in found.items() if fold(text) in _own_names(g)}
        found = own or found
    if len(found) == 1:
        return next(iter(found.values())), None
    if not found:
        return None, f'okänd grupp "{text}"'
    names = ", ".join(
        data.region.name
        for data in governance.regions
        if any(region == data.region.key for region, _ in found)
    )
    example = next(iter(found.values()))
    example_data = governance.region(example.region)
    region_name = example_data.region.name if example_data else example.region
    return None, (
        f'"{text}" finns i flera regioner ({names}); ange regionen, '
        f't.ex. "{region_name}/{text}" eller "{text} {region_name}"'
    )


# ---------------------------------------------------------------- the roster

ROSTER_COLUMNS: dict[str, tuple[str, ...]] = {
    "region": ("region",),
    "group": ("group", "grupp"),
    "seat": ("seat", "plats", "representerar"),
    "role": ("role", "roll"),
    "name": ("name", "namn"),
    "email": ("email", "e mail", "e post", "epost", "mail", "mejl"),
    "organisation": ("organisation", "organization", "org"),
    "from": ("from", "fran", "fr o m", "fom"),
    "to": ("to", "till", "t o m", "tom"),
}
ROSTER_REQUIRED = ("region", "group", "role", "name", "email", "from")


@dataclass(frozen=True, slots=True)
class RosterRow:
    line: int
    region: str  # Region.key
    group: str  # Group.key
    seat: str
    role: Role
    name: str
    email: str  # lower-case
    organisation: str
    valid_from: date
    valid_to: date | None

    @property
    def identity(self) -> tuple[str, str, str, str, str, date]:
        """What identifies a membership between imports."""
        return (self.email, self.region, self.group, self.role.value, self.seat, self.valid_from)


@dataclass(slots=True)
class ParsedRoster:
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def parse_roster(
    path: Path, governance: Governance, limits: ImportLimits | None = None
) -> ParsedRoster:
    try:
        table = read_table(path, limits)
    except (FileProblem, OSError) as error:
        return ParsedRoster(errors=[RowError(0, f"{path.name}: {error}")])
    return parse_roster_table(table, governance)


def parse_roster_table(table: Table, governance: Governance) -> ParsedRoster:
    index, written, errors = columns(table.header, ROSTER_COLUMNS, ROSTER_REQUIRED)
    parsed = ParsedRoster(errors=errors)
    if errors:
        return parsed
    seen: dict[tuple[str, str, str, str, str, date], int] = {}
    roles = ", ".join(role.value for role in Role)
    for line, cells in table.rows:
        problems: list[str] = []
        group, problem = resolve_group(
            governance, cell(cells, index, "region"), cell(cells, index, "group")
        )
        if problem:
            problems.append(problem)
        role_text = cell(cells, index, "role")
        role = parse_role(role_text)
        if role is None:
            problems.append(
                f'okänd roll "{role_text}" (skriv en av: {roles})' if role_text else "roll saknas"
            )
        name = " ".join(cell(cells, index, "name").split())
        if not name:
            problems.append("namn saknas")
        email = cell(cells, index, "email").lower()
        if not _EMAIL.match(email):
            problems.append(
                f'e-postadressen "{email}" är inte giltig' if email else "e-postadress saknas"
            )
        valid_from, problem = parse_date(cell(cells, index, "from"), written["from"])
        if problem:
            problems.append(problem)
        elif valid_from is None:
            problems.append(f"kolumnen {written['from']} är tom (skriv ÅÅÅÅ-MM-DD)")
        valid_to, problem = parse_date(cell(cells, index, "to"), written["to"])
        if problem:
            problems.append(problem)
        if valid_from and valid_to and valid_to < valid_from:
            problems.append(f"slutdatumet {valid_to} är före startdatumet {valid_from}")
        if problems or group is None or role is None or valid_from is None:
            parsed.errors.extend(RowError(line, p) for p in problems)
            continue
        row = RosterRow(
            line=line,
            region=group.region,
            group=group.key,
            seat=" ".join(cell(cells, index, "seat").split()),
            role=role,
            name=name,
            email=email,
            organisation=" ".join(cell(cells, index, "organisation").split()),
            valid_from=valid_from,
            valid_to=valid_to,
        )
        if row.identity in seen:
            parsed.errors.append(
                RowError(line, f"samma uppdrag som på rad {seen[row.identity]} (dubblett)")
            )
            continue
        seen[row.identity] = line
        parsed.rows.append(row)
    return parsed
