"""Documents the answers were never tuned on: imported as PDF, Word and text, then asked.

For each document in `bench/documents/<name>/` (a fictitious collaboration body's governing
document as .pdf, .docx and .txt, and `questions.yaml` written before any measuring), and
for each format: a fresh database with `data/`, the body added as a new region
(`region add`), the file imported as the office would (`import document`), and the bot
built as `serve` builds it, asked every question as a member of that region would.

`vanerkusten` is the development document (its failures may be looked at: `--verbose`);
`dalkanten` is blind: only its figures are printed, never its questions or answers.
Aim (issue #10): >= 85 % and 0 confidently wrong on the blind document.

    python -m bench.documents [--verbose] [--only vanerkusten]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from time import perf_counter

import yaml

from bench.answers import ASKED_AT, DATA, TZ, Outcome, Question, load_file, percentile, score
from bot.app import library_governance
from bot.chat import NoTeams
from bot.domain.clock import FixedClock
from bot.domain.library import AddedRegion, region_key
from bot.domain.loader import load_governance
from bot.domain.ports import ConversationKind
from bot.domain.search.hybrid import Embedder
from bot.files import FileReader
from bot.runtime import Bot, LibraryWiring, build_bot
from bot.settings import Settings
from bot.store.database import Database
from bot.store.migrate import upgrade_async
from bot.store.seed import seed_governance
from dialogs.app import Incoming
from dialogs.identity import Identity
from dialogs.library.desk import LibraryDesk

FOLDER = Path(__file__).resolve().parent / "documents"
DEVELOPMENT = "vanerkusten"
FORMATS = ("pdf", "docx", "txt")


@dataclass
class Imported:
    """A fresh database with a folder's document imported as a new region, and the bot."""

    bot: Bot
    db: Database
    clock: FixedClock
    questions: list[Question]
    import_seconds: float


@asynccontextmanager
async def imported(
    folder: Path, fmt: str, embedder: Embedder, directory: Path
) -> AsyncIterator[Imported]:
    meta = yaml.safe_load((folder / "questions.yaml").read_text(encoding="utf-8"))
    region_name = str(meta["region"])
    questions = load_file(folder / "questions.yaml")
    clock = FixedClock(datetime.combine(questions[0].today, ASKED_AT, tzinfo=TZ))
    url = f"sqlite:///{directory / f'{folder.name}-{fmt}.db'}"
    await upgrade_async(url)
    db = await Database.connect(url, clock)
    try:
        base = load_governance(DATA)
        await seed_governance(db, base)
        await db.library.add_region(AddedRegion(region_key(region_name), region_name))
        governance, added = await library_governance(db, base)
        path = folder / f"{folder.name}.{fmt}"
        started = perf_counter()
        desk = LibraryDesk(governance, db.library, FileReader(), added)
        outline = await asyncio.to_thread(desk.read, path.name, path.read_bytes())
        await desk.commit(desk.prepare(outline, path.name, region=region_name), "bench")
        import_seconds = perf_counter() - started
        governance, added = await library_governance(db, base)
        settings = Settings(default_region=region_name, timezone=TZ, data_dir=DATA)
        bot = await build_bot(
            settings,
            governance,
            db,
            clock,
            NoTeams(),
            None,
            embedder,
            library=LibraryWiring(FileReader(), None, added),
        )
        yield Imported(bot, db, clock, questions, import_seconds)
    finally:
        await db.dispose()


async def _one(
    folder: Path, fmt: str, embedder: Embedder, directory: Path
) -> tuple[list[Outcome], float]:
    async with imported(folder, fmt, embedder, directory) as ready:
        outcomes = []
        for question in ready.questions:
            ready.clock.set(datetime.combine(question.today, ASKED_AT, tzinfo=TZ))
            incoming = Incoming(
                text=question.text, conversation_id="bench", kind=ConversationKind.PERSONAL
            )
            start = perf_counter()
            reply = await ready.bot.app.handle(incoming, Identity(None, "", False))
            ms = (perf_counter() - start) * 1000
            correct, problems = score(question, reply.text, reply.declined)
            outcomes.append(Outcome(question, correct, reply.declined, reply.text, ms, problems))
        return outcomes, ready.import_seconds


async def run_documents(*, verbose: bool = False, only: str | None = None) -> list[str]:
    from bot.embeddings import E5Embedder

    embedder = E5Embedder()
    folders = sorted(p for p in FOLDER.iterdir() if (p / "questions.yaml").is_file())
    if only:
        folders = [p for p in folders if p.name == only]
    lines = [
        f"{'document':<22}{'format':<7}{'accuracy':<18}{'wrong':<7}{'must-decline':<16}"
        f"{'declined':<10}{'import s':<10}p50 ms"
    ]
    details: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-documents-") as tmp:
        for folder in folders:
            blind = folder.name != DEVELOPMENT
            for fmt in FORMATS:
                outcomes, seconds = await _one(folder, fmt, embedder, Path(tmp))
                right = sum(o.correct for o in outcomes)
                wrong = sum(o.confidently_wrong for o in outcomes)
                out = [o for o in outcomes if o.question.decline]
                declined_out = sum(o.declined for o in out)
                declined_in = sum(o.declined for o in outcomes if not o.question.decline)
                times = [o.ms for o in outcomes if o.ms is not None]
                label = f"{folder.name}{' (blind)' if blind else ' (dev)'}"
                lines.append(
                    f"{label:<22}{fmt:<7}"
                    f"{f'{right}/{len(outcomes)} = {100 * right / len(outcomes):.0f}%':<18}"
                    f"{wrong:<7}{f'{declined_out}/{len(out)}':<16}{declined_in:<10}"
                    f"{seconds:<10.2f}{percentile(times, 0.5):.0f}"
                )
                if verbose and not blind:
                    for o in outcomes:
                        if o.correct:
                            continue
                        kind = "DECLINED" if o.declined else "WRONG"
                        details += ["", f"{kind} [{fmt}] {o.question.text}"]
                        details.append(f"  problems: {'; '.join(o.problems)}")
                        details += [f"  | {line}" for line in o.answer.splitlines()]
    return lines + details


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.documents", description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="the dev document's failures")
    parser.add_argument("--only", metavar="NAME", help="one document folder, e.g. vanerkusten")
    args = parser.parse_args(argv)
    for line in asyncio.run(run_documents(verbose=args.verbose, only=args.only)):
        print(line, flush=True)


if __name__ == "__main__":
    main()
