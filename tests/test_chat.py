"""`python -m bot chat`: the same bot in the terminal, as a roster person."""

from __future__ import annotations

import io
from dataclasses import replace

from bot.app import open_database
from bot.chat import chat
from bot.domain.clock import FixedClock, today
from bot.domain.loader import load_governance
from bot.settings import DEFAULT_DATA_DIR, Settings
from bot.store.imports import import_roster

ROSTER = DEFAULT_DATA_DIR / "example" / "roster.csv"


async def test_chat_answers_as_the_chosen_person(database_url: str, clock: FixedClock) -> None:
    settings = replace(Settings(), database_url=database_url)
    governance = load_governance(settings.data_dir)
    db = await open_database(settings, governance, clock)
    await import_roster(db, governance, ROSTER, today=today(clock, settings.timezone))
    await db.dispose()
    out = io.StringIO()
    stdin = io.StringIO("Vem är ordförande i styrgruppen?\nvilka grupper är jag med i\nsluta\n")
    code = await chat(
        settings, clock, "ordforande.styrgrupp@exempel.invalid", stdin=stdin, stdout=out
    )
    assert code == 0
    text = out.getvalue()
    assert "Exempel Ordförande" in text
    assert "Källa" in text
    assert "Styrgrupp närvård" in text  # one of the asker's own groups


async def test_chat_with_an_unknown_email_says_so(database_url: str, clock: FixedClock) -> None:
    settings = replace(Settings(), database_url=database_url)
    out = io.StringIO()
    code = await chat(settings, clock, "ingen@exempel.invalid", stdin=io.StringIO(""), stdout=out)
    assert code == 1
    assert "ingen@exempel.invalid" in out.getvalue()
