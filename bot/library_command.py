"""`python -m bot import document`, `python -m bot documents`, `python -m bot region add`:
the office's library from the command line (the same path as a file sent in Teams)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bot.app import library_governance, open_database
from bot.domain.clock import Clock, today
from bot.domain.library import AddedRegion, LibraryConflict, region_key
from bot.domain.loader import DataError, load_governance
from bot.domain.reading import UnreadableFile
from bot.files import FileReader
from bot.settings import Settings
from bot.store.database import Database
from dialogs.library.desk import ImportRefused, LibraryDesk
from dialogs.library.texts import TEXTS


async def _open(settings: Settings, clock: Clock) -> tuple[Database, LibraryDesk]:
    base = load_governance(settings.data_dir)
    db = await open_database(settings, base, clock)
    governance, added = await library_governance(db, base)
    reader = FileReader(settings.max_document_bytes)
    return db, LibraryDesk(governance, db.library, reader, added)


async def import_document(
    settings: Settings,
    clock: Clock,
    path: Path,
    *,
    region: str,
    title: str,
    period: str,
    replaces: str | None,
) -> int:
    if not path.is_file():
        print(f"Filen {path} finns inte.", file=sys.stderr)
        return 2
    try:
        db, desk = await _open(settings, clock)
    except DataError as err:
        print(f"Fel i data/:\n{err}", file=sys.stderr)
        return 2
    try:
        started = time.perf_counter()
        outline = desk.read(path.name, path.read_bytes())
        prepared = desk.prepare(
            outline, path.name, region=region, title=title, period=period, replaces=replaces
        )
        receipt = await desk.commit(prepared, "kommandoraden")
        seconds = time.perf_counter() - started
    except UnreadableFile as err:
        print(TEXTS.unreadable.format(file=path.name, reason=err.reason), file=sys.stderr)
        return 1
    except ImportRefused as err:
        print(TEXTS.refused.format(reason=err.reason), file=sys.stderr)
        return 1
    finally:
        await db.dispose()
    doc = prepared.document
    print(receipt)
    print(f"Nyckel: {doc.key}. Avsnitt: " + ", ".join(s.title for s in doc.sections if s.title))
    print(f"({seconds:.1f} s; en körande bot använder dokumentet inom BOT_LIBRARY_POLL_SECONDS.)")
    return 0


async def list_documents(settings: Settings, clock: Clock, region: str | None) -> int:
    db, desk = await _open(settings, clock)
    await db.dispose()
    key = None
    if region:
        key = desk.region_key(region)
        if key is None:
            print(desk.unknown_region(region), file=sys.stderr)
            return 2
    for name, lines in desk.listing(today(clock, settings.timezone), key):
        print(TEXTS.list_title.format(region=name))
        for line in lines or [TEXTS.list_none.format(region=name)]:
            print(f"  - {line}")
    return 0


async def add_region(
    settings: Settings, clock: Clock, name: str, aliases: list[str], collaboration: str
) -> int:
    db, desk = await _open(settings, clock)
    try:
        clash = desk.region_key(name)
        key = region_key(name)
        if clash is not None or not key:
            print(f'Regionen "{name}" finns redan ({clash}).', file=sys.stderr)
            return 1
        for alias in aliases:
            if desk.region_key(alias) is not None:
                print(f'"{alias}" är redan namnet på en annan region.', file=sys.stderr)
                return 1
        region = AddedRegion(key, name.strip(), collaboration.strip(), tuple(aliases))
        try:
            await db.library.add_region(region, "kommandoraden")
        except LibraryConflict as err:
            print(err.reason, file=sys.stderr)
            return 1
    finally:
        await db.dispose()
    print(
        f"Regionen {name} ({key}) är tillagd. Läs in dess styrdokument med\n"
        f'  python -m bot import document FIL --region "{name}"\n'
        "Grupperna hittas i dokumentens rubriker; därefter går medlemsregister och möten att "
        "importera som för de andra regionerna."
    )
    return 0
