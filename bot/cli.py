"""`python -m bot …`: serve, database, seed, imports, terminal chat and the Teams package."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from dotenv import dotenv_values

from bot.settings import ROOT, Settings, SettingsError

log = logging.getLogger("bot")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="python -m bot", description="Samverkansboten: Teams-boten för vårdsamverkan."
    )
    commands = root.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    commands.add_parser("serve", help="kör boten på http://HOST:PORT/api/messages")
    commands.add_parser("worker", help="planera och leverera schemalagda utskick, utan webbserver")

    db = commands.add_parser("db", help="databasen")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="DB-KOMMANDO")
    db_commands.add_parser("upgrade", help="kör databasmigreringarna (Alembic)")

    seed = commands.add_parser("seed", help="fyll databasen från data/ (går att köra igen)")
    seed.add_argument(
        "--example", action="store_true", help="ladda även exempelpersoner och -möten"
    )

    imports = commands.add_parser("import", help="importera medlemsregister eller möten")
    what = imports.add_subparsers(dest="what", required=True, metavar="VAD")
    roster = what.add_parser("roster", help="medlemsregister (CSV eller XLSX)")
    roster.add_argument("file", type=Path)
    meetings = what.add_parser("meetings", help="möten (CSV, eller .ics med --group)")
    meetings.add_argument("file", type=Path)
    meetings.add_argument("--group", help='gruppen för en .ics-fil, t.ex. "Styrgruppen"')
    document = what.add_parser("document", help="styrdokument (PDF, Word, Markdown eller text)")
    document.add_argument("file", type=Path)
    document.add_argument("--region", required=True, help='regionen, t.ex. "Fyrbodal"')
    document.add_argument("--title", default="", help="titeln, om filens egen inte duger")
    document.add_argument("--period", default="", help="giltighetsperiod, t.ex. 2026-2029")
    document.add_argument(
        "--replaces", default=None, metavar="NYCKEL", help="dokumentet det ersätter (nyckel)"
    )

    documents = commands.add_parser("documents", help="visa inlästa styrdokument per region")
    documents.add_argument("--region", default=None)

    region = commands.add_parser("region", help="regioner")
    region_commands = region.add_subparsers(
        dest="region_command", required=True, metavar="REGION-KOMMANDO"
    )
    region_add = region_commands.add_parser("add", help="lägg till en ny region (utan kod)")
    region_add.add_argument("name", metavar="NAMN")
    region_add.add_argument(
        "--alias", action="append", default=[], help="annat namn för regionen (flera går)"
    )
    region_add.add_argument(
        "--collaboration", default="", help='samverkans namn, t.ex. "Vårdsamverkan Dalkanten"'
    )

    chat = commands.add_parser("chat", help="chatta med boten i terminalen")
    chat.add_argument("--as", dest="as_email", metavar="EMAIL", help="chatta som den här personen")

    questions = commands.add_parser("questions", help="frågor som skickats till kansliet")
    questions_commands = questions.add_subparsers(
        dest="questions_command", required=True, metavar="FRÅGOR-KOMMANDO"
    )
    questions_commands.add_parser("unanswered", help="visa obesvarade frågor")

    report = commands.add_parser("report", help="rapporter för kansliet")
    reports = report.add_subparsers(dest="report", required=True, metavar="RAPPORT")
    notices = reports.add_parser(
        "kallelse", help="andel möten vars kallelse gick ut minst 7 dagar före, per grupp"
    )
    notices.add_argument("--from", dest="start", required=True, type=_iso_date, metavar="DATUM")
    notices.add_argument("--to", dest="end", required=True, type=_iso_date, metavar="DATUM")

    survey = commands.add_parser("survey", help="kansliets enkät i chatten")
    survey_commands = survey.add_subparsers(
        dest="survey_command", required=True, metavar="ENKÄT-KOMMANDO"
    )
    survey_export = survey_commands.add_parser(
        "export", help="en omgångs resultat som CSV eller XLSX (utan namn)"
    )
    survey_export.add_argument("round", type=int, metavar="OMGÅNG")
    survey_export.add_argument("--out", required=True, type=Path, metavar="FIL")

    commands.add_parser("routes", help="visa vad boten gör med varje kommando och knapp")

    manifest = commands.add_parser("manifest", help="bygg Teams-appens paket (zip)")
    manifest.add_argument("--app-id", required=True, metavar="GUID", help="botens app-id")
    manifest.add_argument("--out", required=True, type=Path, metavar="FILE.zip")
    return root


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} är inget datum: skriv ÅÅÅÅ-MM-DD, t.ex. 2026-01-31"
        ) from None


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """The process environment wins over `.env`, which only fills in what is missing."""
    values = {k: v for k, v in dotenv_values(ROOT / ".env").items() if v is not None}
    values.update(environ if environ is not None else os.environ)
    return Settings.from_env(values)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as err:
        print(f"Boten startar inte: {err}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Alembic narrates every migration step at INFO; the office needs only problems.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        return _run(args, settings)
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from bot import commands  # the heavy imports (botbuilder, SQLAlchemy) only when needed
    from bot.domain.clock import SystemClock

    clock = SystemClock()  # the one wall clock of the process; everything asks it
    match args.command:
        case "serve":
            return commands.serve(settings, clock)
        case "worker":
            return asyncio.run(commands.worker(settings, clock))
        case "db":
            return asyncio.run(commands.db_upgrade(settings))
        case "seed":
            return asyncio.run(commands.seed(settings, clock, example=args.example))
        case "import":
            if args.what == "roster":
                return asyncio.run(commands.import_roster(settings, clock, args.file))
            if args.what == "document":
                from bot import library_command

                return asyncio.run(
                    library_command.import_document(
                        settings,
                        clock,
                        args.file,
                        region=args.region,
                        title=args.title,
                        period=args.period,
                        replaces=args.replaces,
                    )
                )
            return asyncio.run(commands.import_meetings(settings, clock, args.file, args.group))
        case "documents":
            from bot import library_command

            return asyncio.run(library_command.list_documents(settings, clock, args.region))
        case "region":
            from bot import library_command

            return asyncio.run(
                library_command.add_region(
                    settings, clock, args.name, args.alias, args.collaboration
                )
            )
        case "chat":
            from bot.chat import chat

            return asyncio.run(chat(settings, clock, args.as_email))
        case "routes":
            from bot.chat import print_routes

            return asyncio.run(print_routes(settings, clock))
        case "report":
            return asyncio.run(commands.notice_report(settings, clock, args.start, args.end))
        case "manifest":
            return commands.manifest(args.app_id, args.out)
        case "survey":
            from bot.survey_command import export

            return asyncio.run(export(settings, args.round, args.out))
        case "questions":
            from bot.questions_command import unanswered

            return asyncio.run(unanswered(settings))
    return 2
