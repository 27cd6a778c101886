"""Reading the office's spreadsheets (CSV or XLSX) into rows of text; pure, no database.

The office edits rosters and calendars in Excel and saves them as .xlsx or as CSV (comma or
semicolon, UTF-8 with or without BOM, or Windows-1252 on an older Swedish Excel).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from bot.domain.names import fold

Cells = list[str]


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """What an import file may hold (settings BOT_MAX_IMPORT_MB, BOT_MAX_IMPORT_ROWS and
    BOT_MAX_OCCURRENCES); beyond them the file is refused, with the limit named."""

    max_bytes: int = 5 * 1024 * 1024
    max_rows: int = 5_000  # rows in a table, events in a calendar
    max_occurrences: int = 500  # meetings of one series within three years
    first_year: int = 2000  # a meeting outside these years is a typo, not a meeting
    last_year: int = 2100
    max_days: int = 7  # a meeting (or an all-day event) longer than a week is no meeting

    def size_problem(self, size: int) -> str | None:
        if size <= self.max_bytes:
            return None
        mib, limit = size / (1024 * 1024), self.max_bytes / (1024 * 1024)
        return (
            f"filen är {mib:.1f} MB; högst {limit:.0f} MB går att läsa in "
            "(inställningen BOT_MAX_IMPORT_MB)"
        )

    def rows_problem(self, rows: int, unit: str = "rader") -> str | None:
        if rows <= self.max_rows:
            return None
        return (
            f"filen har {rows} {unit}; högst {self.max_rows} går att läsa in på en gång "
            "(inställningen BOT_MAX_IMPORT_ROWS)"
        )

    def year_problem(self, moment: date) -> str | None:
        if self.first_year <= moment.year <= self.last_year:
            return None
        return f"året {moment.year} är inte rimligt (mellan {self.first_year} och {self.last_year})"


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


def read_table(path: Path, limits: ImportLimits | None = None) -> Table:
    limits = limits or ImportLimits()
    too_big = limits.size_problem(path.stat().st_size)
    if too_big:
        raise FileProblem(too_big)
    table = _read_table(path)
    too_many = limits.rows_problem(len(table.rows))
    if too_many:
        raise FileProblem(too_many)
    return table


def _read_table(path: Path) -> Table:
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
