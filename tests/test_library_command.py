"""The office's library from the command line: `region add`, `import document`, `documents`
(the commands `python -m bot` runs), on both databases. A bad file changes nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot import library_command
from bot.app import library_governance, open_database
from bot.domain.clock import FixedClock
from bot.domain.loader import load_governance
from bot.settings import Settings
from bot.store.imports import import_roster

PLAN = "Plan för samverkan\n\n" + "Detta är en mening om hur samverkan går till. " * 30
DOCS = Path(__file__).resolve().parents[1] / "bench" / "documents" / "vanerkusten"


async def test_a_new_region_from_a_document_alone(
    database_url: str, clock: FixedClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = replace(Settings(), database_url=database_url)
    add = library_command.add_region
    assert await add(settings, clock, "Vänerkusten", ["VK"], "Vårdsamverkan Vänerkusten") == 0
    assert await add(settings, clock, "Vänerkusten", [], "") == 1  # twice: refused

    code = await library_command.import_document(
        settings, clock, DOCS / "vanerkusten.pdf", region="VK", title="", period="", replaces=None
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Inriktningsdokument för Vårdsamverkan Vänerkusten 2026–2029 är inläst" in out
    assert "Arbetsutskott (AU)" in out  # a group found in the text

    assert await library_command.list_documents(settings, clock, "Vänerkusten") == 0
    listing = capsys.readouterr().out
    assert "gäller 2026–2029" in listing and "Södra Älvsborg" not in listing

    # The new region's groups take a roster like any other region's.
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "region,group,seat,role,name,email,organisation,from,to\n"
        "Vänerkusten,Styrgruppen,,ordförande,Ada Andersson,ada@vk.invalid,Ekstad,2026-01-01,\n",
        encoding="utf-8",
    )
    base = load_governance(settings.data_dir)
    db = await open_database(settings, base, clock)
    try:
        governance, added = await library_governance(db, base)
        assert added == {"vanerkusten"}
        region = governance.region("vanerkusten")
        assert region is not None and region.region.municipalities[0] == "Norrvik"
        report = await import_roster(db, governance, roster, today=clock.now().date())
        assert "1" in str(report)
    finally:
        await db.dispose()


@pytest.mark.parametrize(
    ("name", "content", "options", "says"),
    [
        ("plan.pdf", b"not a pdf", {}, "inte en PDF"),
        ("plan.txt", PLAN, {"region": "Atlantis"}, "Regionen"),
        ("plan.txt", PLAN, {"replaces": "no-such-key"}, "att ersätta"),
        ("plan.txt", PLAN, {"period": "snart"}, "ingen period"),
    ],
)
async def test_a_refused_import_says_why_and_changes_nothing(
    database_url: str,
    clock: FixedClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | bytes,
    options: dict[str, str],
    says: str,
) -> None:
    settings = replace(Settings(), database_url=database_url)
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    arguments = {"region": "Fyrbodal", "title": "", "period": "", "replaces": None, **options}
    code = await library_command.import_document(settings, clock, path, **arguments)  # type: ignore[arg-type]
    assert code == 1
    assert says in capsys.readouterr().err
    base = load_governance(settings.data_dir)
    db = await open_database(settings, base, clock)
    try:
        assert await db.library.generation() == 0
    finally:
        await db.dispose()
