"""Read the office's roster file (CSV or XLSX) into checked rows; pure, no database.

The office edits the roster in Excel and saves it as .xlsx or as CSV (comma or semicolon,
UTF-8 with or without BOM, or Windows-1252 on an older Swedish Excel). Every problem is
reported with its line number in Swedish, so the whole file can be fixed in one go.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from bot.domain.model import Governance, Group, Role
from bot.domain.names import fold, match_group, match_region

Cells = list[str]


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # 1 is the header; 0 when the problem concerns the whole file
    message: str
    unit: str = "rad"  # "rad" for tables, "händelse" for calendar events

    def __str__(self) -> str:
        return f"{self.unit} {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True, slots=True)
class Table:
    header: Cells
    rows: list[tuple[int, Cells]]  # (line number as the office sees it, cells)


class FileProblem(Exception):
    """The file cannot be read as a table at all (wrong type, empty, broken XLSX)."""


# ---------------------------------------------------------------- reading files


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # "CSV (semikolonavgränsad)" from a Swedish Excel is Windows-1252, not UTF-8.
        return data.decode("cp1252", errors="replace")


def read_csv(data: bytes) -> Table:
    text = _decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise FileProblem("filen är tom")
    # Swedish Excel writes ';' because ',' is the decimal separator; count, don't guess.
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, Cells]] = []
    header: Cells | None = None
    start = 1
    for cells in reader:
        line = start
        start = reader.line_num + 1  # a quoted cell may span lines; report where it began
        cleaned = [c.strip() for c in cells]
        if not any(cleaned):
            continue
        if header is None:
            header = cleaned
        else:
            rows.append((line, cleaned))
    if header is None:
        raise FileProblem("filen är tom")
    return Table(header, rows)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken file
        raise FileProblem(f"kan inte läsa Excel-filen: {error}") from error
    try:
        sheet = workbook.worksheets[0]
        header: Cells | None = None
        rows: list[tuple[int, Cells]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if not any(cells):
                continue
            if header is None:
                header = cells
            else:
                rows.append((number, cells))
    finally:
        workbook.close()
    if header is None:
        raise FileProblem("kalkylbladet är tomt")
    return Table(header, rows)


def read_table(path: Path) -> Table:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return read_csv(path.read_bytes())
    raise FileProblem(f"filtypen {path.suffix or '(ingen)'} stöds inte; använd .csv eller .xlsx")


def columns(
    header: Sequence[str], aliases: dict[str, tuple[str, ...]], required: Iterable[str]
) -> tuple[dict[str, int], dict[str, str], list[RowError]]:
    """Map canonical column names to indexes (case-insensitive, Swedish aliases allowed)."""
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    for position, name in enumerate(header):
        folded = fold(name)
        for canonical, names in aliases.items():
            if folded in names and canonical not in index:
                index[canonical] = position
                written[canonical] = name.strip()
    missing = [c for c in required if c not in index]
    errors = []
    if missing:
        errors.append(
            RowError(
                1,
                f"kolumn saknas i rubrikraden: {', '.join(missing)} "
                f"(rubrikraden ska vara {','.join(aliases)})",
            )
        )
    return index, {c: written.get(c, c) for c in aliases}, errors


def cell(cells: Cells, index: dict[str, int], column: str) -> str:
    position = index.get(column)
    return cells[position] if position is not None and position < len(cells) else ""


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


def parse_roster(path: Path, governance: Governance) -> ParsedRoster:
    try:
        table = read_table(path)
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
