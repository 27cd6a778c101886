"""What each `python -m bot` command does; `bot.cli` only parses arguments."""

from __future__ import annotations

import asyncio
import errno
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from aiohttp import web
from aiohttp.http_exceptions import BadHttpMessage

from bot import teams
from bot.app import create_app, library_governance, new_session, open_database
from bot.domain.clock import Clock, today
from bot.domain.loader import DataError, load_governance
from bot.domain.model import Governance
from bot.event_loop import new_event_loop
from bot.runtime import build_bot
from bot.settings import Settings
from bot.store.database import Database
from bot.store.imports import ImportFailed
from bot.store.imports import import_meetings as _import_meetings
from bot.store.imports import import_roster as _import_roster
from bot.store.migrate import upgrade_async
from bot.store.seed import seed_governance

log = logging.getLogger("bot")

EXAMPLE_ROSTER = Path("example") / "roster.csv"
EXAMPLE_MEETINGS = Path("example") / "meetings.csv"


class NoRequestEcho(logging.Filter):
    """aiohttp logs a request it cannot parse with its first bytes, which may be a bearer
    token: keep only what kind of error it was, at INFO (it is the sender's fault)."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, BadHttpMessage):
            record.msg = "malformed HTTP request refused (%s)"
            record.args = (type(error).__name__,)
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def serve(settings: Settings, clock: Clock) -> int:
    try:
        governance = load_governance(settings.data_dir)
    except DataError as err:
        print(f"Boten startar inte: fel i data/:\n{err}", file=sys.stderr)
        return 2
    app = create_app(settings, governance, clock)
    print(
        f"Samverkansboten lyssnar på http://{settings.host}:{settings.port}/api/messages "
        f"(databas: {_safe_url(settings.database_url)}). Avsluta med Ctrl-C.",
        flush=True,
    )
    logging.getLogger("aiohttp.server").addFilter(NoRequestEcho())
    try:
        web.run_app(
            app,
            host=settings.host,
            port=settings.port,
            print=None,
            access_log=None,
            # Connections waiting to be accepted: a burst (2,000 survey answers at once)
            # overflows aiohttp's 128, and each dropped connection is retried by the
            # sender's TCP only after 1 s, then 3 s. The kernel caps it (somaxconn).
            backlog=4096,
            # A header line up to 16 KiB is read, so an over-long token is refused by the
            # endpoint with 401 like any other bad token, not by the HTTP parser. (Passed
            # as they are: aiohttp 3.14 hands run_app's extra arguments to each request
            # handler, and a nested `handler_args` made it fall back, with a warning per
            # connection, to its 8 KiB default.)
            max_line_size=17 * 1024,
            max_field_size=17 * 1024,
            loop=new_event_loop(),
        )
    except OSError as err:
        if err.errno != errno.EADDRINUSE:
            raise
        print(
            f"Boten startar inte: porten {settings.port} på {settings.host} används redan "
            "(körs boten redan?). Stoppa den andra eller välj en annan med PORT=…",
            file=sys.stderr,
        )
        return 2
    return 0


async def db_upgrade(settings: Settings) -> int:
    await upgrade_async(settings.database_url)
    print(f"Databasen är uppdaterad ({_safe_url(settings.database_url)}).")
    return 0


async def worker(settings: Settings, clock: Clock) -> int:
    """Plan and deliver until SIGINT or SIGTERM, without a web server."""
    base = load_governance(settings.data_dir)
    db = await open_database(settings, base, clock)
    governance, _added = await library_governance(db, base)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        async with new_session() as session:
            connector, delivery_connector = teams.connectors(settings, session)
            # The worker plans and delivers; it answers no questions, so no language model.
            bot = await build_bot(
                settings, governance, db, clock, connector, delivery_connector, None
            )
            bot.jobs.start()
            print("Utskicken planeras och levereras; avsluta med Ctrl-C.", flush=True)
            try:
                await stop.wait()
            finally:
                await bot.jobs.stop()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        await db.dispose()
    return 0


async def seed(settings: Settings, clock: Clock, *, example: bool) -> int:
    governance = load_governance(settings.data_dir)
    await upgrade_async(settings.database_url)
    db = await Database.connect(settings.database_url, clock)
    try:
        governance, _added = await library_governance(db, governance)
        report = await seed_governance(db, governance)
        print("Styrdokumenten är inlästa:\n" + "\n".join(report.lines()))
        if example:
            roster = await _import_roster(
                db,
                governance,
                settings.data_dir / EXAMPLE_ROSTER,
                today=today(clock, settings.timezone),
                limits=settings.import_limits,
            )
            meetings = await _import_meetings(
                db,
                governance,
                settings.data_dir / EXAMPLE_MEETINGS,
                group=None,
                tz=settings.timezone,
                limits=settings.import_limits,
            )
            print("Exempelpersoner:\n" + "\n".join(roster.lines()))
            print("Exempelmöten:\n" + "\n".join(meetings.lines()))
    except ImportFailed as err:
        _print_failed(err)
        return 1
    finally:
        await db.dispose()
    return 0


async def import_roster(settings: Settings, clock: Clock, path: Path) -> int:
    on = today(clock, settings.timezone)
    return await _import_file(
        settings,
        clock,
        path,
        lambda db, gov: _import_roster(db, gov, path, today=on, limits=settings.import_limits),
    )


async def import_meetings(settings: Settings, clock: Clock, path: Path, group: str | None) -> int:
    if path.suffix.lower() == ".ics" and not group:
        print('En .ics-fil behöver --group, t.ex. --group "Styrgruppen".', file=sys.stderr)
        return 2
    return await _import_file(
        settings,
        clock,
        path,
        lambda db, gov: _import_meetings(
            db, gov, path, group=group, tz=settings.timezone, limits=settings.import_limits
        ),
    )


async def _import_file(
    settings: Settings,
    clock: Clock,
    path: Path,
    run: Callable[[Database, Governance], Awaitable[object]],
) -> int:
    """Open the database, import one file in one transaction, and say how it went."""
    if not path.is_file():
        print(f"Filen {path} finns inte.", file=sys.stderr)
        return 2
    base = load_governance(settings.data_dir)
    db = await open_database(settings, base, clock)
    try:
        governance, _added = await library_governance(db, base)
        report = await run(db, governance)
    except ImportFailed as err:
        _print_failed(err)
        return 1
    finally:
        await db.dispose()
    print(f"{path}: {report}")
    return 0


async def notice_report(settings: Settings, clock: Clock, start: date, end: date) -> int:
    """The share of meetings whose notice went out at least a week ahead, per group."""
    from bot.report_command import kallelse_report

    governance = load_governance(settings.data_dir)
    db = await open_database(settings, governance, clock)
    try:
        return await kallelse_report(settings, start, end, db.outbox.delivered_at, now=clock.now())
    finally:
        await db.dispose()


def manifest(app_id: str, out: Path) -> int:
    from bot.manifest import build_package

    try:
        written = build_package(app_id, out)
    except ValueError as err:
        print(str(err), file=sys.stderr)
        return 2
    print(
        f"Teams-paketet är skrivet: {written}. Ladda upp det i Teams (Appar → Hantera dina appar)."
    )
    return 0


def _print_failed(err: ImportFailed) -> None:
    # The error already names the file, counts the faults and says nothing was imported.
    print(str(err), file=sys.stderr)
    print("Rätta raderna och kör samma kommando igen.", file=sys.stderr)


def _safe_url(url: str) -> str:
    """The database URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}" if ":" in credentials else url
    return url
