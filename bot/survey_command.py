"""`python -m bot survey export ROUND --out FILE`: a round's results as CSV or XLSX.

Per question the distribution (or "färre än 5" when fewer answered) and per group the
response rate. No names, ids or comments: only what the results card shows.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from bot.domain.loader import load_governance
from bot.domain.model import Governance
from bot.domain.survey_rounds import CHOICE_LABELS, K_MIN, Choice, RoundResults, results
from bot.settings import Settings
from bot.store.database import Database
from bot.store.migrate import upgrade_async

Row = list[str | int | float]


def rows(shown: RoundResults, governance: Governance) -> list[Row]:
    data = governance.region(shown.round.region)
    texts = {q.key: q.text for q in data.survey.questions} if data and data.survey else {}
    names = {g.key: g.label for g in data.groups} if data else {}
    hidden = f"färre än {K_MIN}"
    table: list[Row] = [
        ["enkät", shown.round.title, shown.round.period],
        ["svarsfrekvens", shown.answered, shown.invited, round(shown.rate, 1)],
        [],
        ["fråga", "text", "svar", *(CHOICE_LABELS[c] for c in Choice), "förändring Ja (p.e.)"],
    ]
    for result in shown.questions:
        counts = result.overall.counts
        values: list[str | int | float] = (
            [counts[c] for c in Choice] if counts is not None else [hidden] * len(Choice)
        )
        change: str | float = round(result.change, 1) if result.change is not None else ""
        respondents: str | int = result.overall.respondents if counts is not None else hidden
        table.append([result.key, texts.get(result.key, ""), respondents, *values, change])
        for group, shown_group in result.by_group.items():
            assert shown_group.counts is not None
            table.append(
                [
                    result.key,
                    names.get(group, group),
                    shown_group.respondents,
                    *(shown_group.counts[c] for c in Choice),
                    "",
                ]
            )
    table += [[], ["grupp", "tillfrågade", "svarade", "svarsfrekvens (%)"]]
    for rate in shown.groups:
        if rate.rate is None:
            table.append([names.get(rate.group, rate.group), hidden, hidden, ""])
        else:
            answered = rate.answered if rate.answered is not None else ""
            table.append(
                [names.get(rate.group, rate.group), rate.invited, answered, round(rate.rate, 1)]
            )
    return table


def write(table: Sequence[Row], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "Enkät"
        for row in table:
            sheet.append(list(row))
        book.save(out)
        return
    # Semicolons and a BOM: what Swedish Excel opens without an import dialog.
    with out.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle, delimiter=";").writerows(table)


async def export_round(db: Database, governance: Governance, round_id: int, out: Path) -> bool:
    survey = await db.surveys.get_round(round_id)
    if survey is None or survey.id is None:
        return False
    rounds = await db.surveys.rounds(survey.region)
    older = [r for r in rounds if r.opens_at < survey.opens_at and r.id is not None]
    previous = await db.surveys.tallies(older[0].id) if older and older[0].id else ()
    shown = results(
        survey,
        await db.surveys.invitations(survey.id),
        await db.surveys.tallies(survey.id),
        previous,
    )
    write(rows(shown, governance), out)
    return True


async def export(settings: Settings, round_id: int, out: Path) -> int:
    if out.suffix.lower() not in (".csv", ".xlsx"):
        print(f"Filen {out} måste sluta på .csv eller .xlsx.")
        return 2
    governance = load_governance(settings.data_dir)
    await upgrade_async(settings.database_url)
    db = await Database.connect(settings.database_url)
    try:
        if not await export_round(db, governance, round_id, out):
            print(f"Det finns ingen enkätomgång med nummer {round_id}.")
            return 1
    finally:
        await db.dispose()
    print(f"Enkätomgång {round_id} sparad i {out}.")
    return 0
