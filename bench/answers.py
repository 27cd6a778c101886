"""Answer quality: members' questions against the bot, in three sets reported side by side.

- tuning: bench/questions/tuning/*.yaml, half of the project's own questions; tune on these;
- test: bench/questions/test/*.yaml, the other half; frozen, never tuned on;
- blind: bench/blind/*.yaml, written by someone who never saw the code or its failures,
  frozen before the first measurement. `--verbose` never prints its failures (that would
  make it a tuning set); only its figures are shown.

Seeds a throw-away SQLite database like `python -m bot seed --example`, asks every
question through the bot's `App.handle` (as the named roster person, on the file's
`today`) and scores the replies. Each file:

    today: 2026-11-22
    questions:
      - q: "Vem är ordförande i styrgruppen?"
        as: ordforande.styrgrupp@exempel.invalid   # optional: ask as this roster person
        expect: ["Exempel Ordförande"]             # each must appear in the answer
        any: [["två år", "2 år"]]                  # each inner list: at least one appears
        source: true                               # the answer names its source
      - q: "Vad blir det för väder imorgon?"
        decline: true                              # correct only when the bot declines

Strings are compared ignoring case, å/ä/ö, dash style and spacing; strings of up to three
characters ("AU", "5") must stand as whole words. Other top-level keys (e.g. `phrases:`)
may hold YAML anchors for phrase lists used in several questions. "Confidently wrong" is
an answer (not declined) that is not correct, or any answer to an out-of-scope question.

    python -m bench.answers [--verbose] [--set tuning|test|blind] [--only who.yaml]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from datetime import time as clock
from pathlib import Path
from time import perf_counter
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.chat import NoTeams
from bot.domain.clock import FixedClock
from bot.domain.loader import load_governance
from bot.domain.model import Person
from bot.domain.ports import ConversationKind
from bot.embeddings import E5Embedder
from bot.runtime import Bot, build_bot
from bot.settings import Settings
from bot.store.database import Database
from bot.store.imports import import_meetings, import_roster
from bot.store.migrate import upgrade_async
from bot.store.seed import seed_governance
from dialogs.app import Incoming
from dialogs.identity import Identity

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
SETS = {
    "tuning": BENCH / "questions" / "tuning",
    "test": BENCH / "questions" / "test",
    "blind": BENCH / "blind",
}
_ENGLISH = frozenset(
    [
        "the",
        "is",
        "are",
        "who",
        "what",
        "when",
        "where",
        "which",
        "how",
        "many",
        "much",
        "does",
        "do",
        "did",
        "of",
        "in",
        "on",
        "my",
        "i",
        "can",
        "to",
        "for",
        "and",
        "with",
        "there",
    ]
)
DATA = ROOT / "data"
TZ = ZoneInfo("Europe/Stockholm")
DEFAULT_REGION = "Södra Älvsborg"
ASKED_AT = clock(8, 0)  # questions are asked at 08:00 local time on the file's `today`
SOURCE_WORD = re.compile(r"\b(?:källa|källor|source|sources)\b", re.IGNORECASE)
_PERCENT = re.compile(r"(\d) ?%")
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Lower case without å/ä/ö, one dash style, markdown emphasis and extra spaces, and
    one way to write a percentage ("15%" and "15 %" are the same figure)."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_FOLD)
    return _PERCENT.sub(r"\1 %", " ".join(text.replace("*", "").split()))


def appears(expected: str, folded_answer: str) -> bool:
    """Substring match; strings of up to three characters ("AU", "5", "två") as whole words."""
    wanted = fold(expected)
    if len(wanted) <= 3:
        return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", folded_answer) is not None
    return wanted in folded_answer


@dataclass(frozen=True)
class Question:
    file: str
    today: date
    text: str
    asker: str | None = None
    expect: tuple[str, ...] = ()
    any_of: tuple[tuple[str, ...], ...] = ()
    source: bool = False
    decline: bool = False
    set: str = ""


@dataclass
class Outcome:
    question: Question
    correct: bool
    declined: bool
    answer: str
    ms: float | None  # None when the question was never asked (bench error)
    problems: list[str] = field(default_factory=list)
    # Declined, but the closest passage it showed holds the answer ("Det vet jag inte
    # säkert. Det närmaste …"): not counted as correct, reported beside the declines.
    shown: bool = False

    @property
    def confidently_wrong(self) -> bool:
        return not self.correct and not self.declined


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(s, str) and s for s in value):
        raise ValueError(f"{where}: expected a list of non-empty strings")
    return tuple(value)


def load_file(path: Path) -> list[Question]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not isinstance(raw.get("today"), date):
        raise ValueError(f"{path.name}: needs `today: YYYY-MM-DD` and `questions:`")
    questions: list[Question] = []
    for i, item in enumerate(raw.get("questions") or []):
        where = f"{path.name}: questions[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            raise ValueError(f"{where}: needs `q:`")
        unknown = set(item) - {"q", "as", "expect", "any", "source", "decline"}
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        expect = _strings(item["expect"], f"{where}.expect") if "expect" in item else ()
        any_of = tuple(
            _strings(group, f"{where}.any[{j}]") for j, group in enumerate(item.get("any") or [])
        )
        decline, source = bool(item.get("decline")), bool(item.get("source"))
        if decline == bool(expect or any_of or source):
            raise ValueError(f"{where}: give either `decline: true` or expect/any/source")
        text, today, asker = item["q"], raw["today"], item.get("as")
        questions.append(Question(path.name, today, text, asker, expect, any_of, source, decline))
    return questions


def load_questions(set_name: str, only: str | None = None) -> list[Question]:
    paths = sorted(SETS[set_name].glob("*.yaml"))
    if only:
        name = Path(only).name
        paths = [p for p in paths if name in (p.name, p.stem)]
    return [replace(q, set=set_name) for path in paths for q in load_file(path)]


def is_english(text: str) -> bool:
    """A question in English: two or more English function words and no å/ä/ö."""
    words = re.findall(r"[a-zåäö']+", text.lower())
    return not re.search(r"[åäö]", text.lower()) and sum(w in _ENGLISH for w in words) >= 2


def score(question: Question, text: str, declined: bool) -> tuple[bool, list[str]]:
    if question.decline:
        return declined, [] if declined else ["answered an out-of-scope question"]
    if declined:
        return False, ["declined"]
    answer = fold(text)
    problems = [f"missing {s!r}" for s in question.expect if not appears(s, answer)]
    problems += [
        f"none of {list(group)}"
        for group in question.any_of
        if not any(appears(s, answer) for s in group)
    ]
    if question.source and not SOURCE_WORD.search(text):
        problems.append("no source named")
    return not problems, problems


async def seeded_database(directory: Path, clock: FixedClock) -> Database:
    """A fresh SQLite database with the governance data and the example roster/calendar."""
    url = f"sqlite:///{directory / 'bench-answers.db'}"
    governance = load_governance(DATA)
    await upgrade_async(url)
    db = await Database.connect(url, clock)
    await seed_governance(db, governance)
    on = clock.now().astimezone(TZ).date()
    await import_roster(db, governance, DATA / "example" / "roster.csv", today=on)
    await import_meetings(db, governance, DATA / "example" / "meetings.csv", group=None, tz=TZ)
    return db


async def build(db: Database, clock: FixedClock) -> Bot:
    """The bot as `serve` builds it, without Teams."""
    settings = Settings(default_region=DEFAULT_REGION, timezone=TZ, data_dir=DATA)
    return await build_bot(
        settings, load_governance(DATA), db, clock, NoTeams(), None, E5Embedder()
    )


async def ask_all(db: Database, clock: FixedClock, questions: list[Question]) -> list[Outcome]:
    bot = await build(db, clock)
    people: dict[str, Person | None] = {}
    outcomes: list[Outcome] = []
    for question in questions:
        asker: Person | None = None
        if question.asker:
            if question.asker not in people:
                people[question.asker] = await db.roster.person_by_email(question.asker)
            asker = people[question.asker]
            if asker is None:
                problem = f"bench error: no roster person {question.asker}"
                outcomes.append(Outcome(question, False, False, "", None, [problem]))
                continue
        clock.set(datetime.combine(question.today, ASKED_AT, tzinfo=TZ))
        incoming = Incoming(
            text=question.text, conversation_id="bench", kind=ConversationKind.PERSONAL
        )
        identity = Identity(person=asker, upn=asker.email if asker else "", is_office=False)
        start = perf_counter()
        try:
            reply = await bot.app.handle(incoming, identity)
        except Exception as err:  # a crash is a wrong answer, not the end of the run
            ms = (perf_counter() - start) * 1000
            problem = f"raised {type(err).__name__}: {err}"
            outcomes.append(Outcome(question, False, False, "", ms, [problem]))
            continue
        ms = (perf_counter() - start) * 1000
        correct, problems = score(question, reply.text, reply.declined)
        shown = reply.declined and not question.decline and score(question, reply.text, False)[0]
        outcome = Outcome(question, correct, reply.declined, reply.text, ms, problems, shown)
        outcomes.append(outcome)
    return outcomes


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else f"{part}/0"


def _figures(outcomes: list[Outcome]) -> dict[str, str]:
    in_scope = [o for o in outcomes if not o.question.decline]
    out_of_scope = [o for o in outcomes if o.question.decline]
    english = [o for o in outcomes if is_english(o.question.text)]
    return {
        "questions": str(len(outcomes)),
        "accuracy": _pct(sum(o.correct for o in outcomes), len(outcomes)),
        "confidently wrong": str(sum(o.confidently_wrong for o in outcomes)),
        "declined in scope": str(sum(o.declined for o in in_scope)),
        "  of which nearest held it": str(sum(o.shown for o in in_scope)),
        "must-decline declined": _pct(sum(o.declined for o in out_of_scope), len(out_of_scope)),
        "English": _pct(sum(o.correct for o in english), len(english)),
    }


def report(outcomes: list[Outcome], *, verbose: bool) -> list[str]:
    sets = [name for name in SETS if any(o.question.set == name for o in outcomes)]
    table = {name: _figures([o for o in outcomes if o.question.set == name]) for name in sets}
    width = 28
    lines = ["".ljust(width) + "".join(name.ljust(24) for name in sets)]
    for row in next(iter(table.values()), {}):
        lines.append(row.ljust(width) + "".join(table[n][row].ljust(24) for n in sets))
    times = [o.ms for o in outcomes if o.ms is not None]
    lines.append(
        f"latency per question: p50 {percentile(times, 0.5):.1f} ms, "
        f"p99 {percentile(times, 0.99):.1f} ms, max {max(times, default=0):.1f} ms"
    )
    errors = [o for o in outcomes if o.problems and o.problems[0].startswith(("raised", "bench"))]
    for o in errors:
        where = o.question.file if o.question.set != "blind" else "(blind)"
        lines.append(f"ERROR {o.question.set} {where}: {o.problems[0]}")
    if verbose:
        for o in outcomes:
            if o.correct or o.question.set == "blind":
                continue  # blind failures stay unseen: looking would make it a tuning set
            who = f" (as {o.question.asker})" if o.question.asker else ""
            kind = "DECLINED" if o.declined else "WRONG"
            lines.append("")
            lines.append(f"{kind} {o.question.set}/{o.question.file}: {o.question.text}{who}")
            lines.append(f"  problems: {'; '.join(o.problems)}")
            lines.extend(f"  | {line}" for line in (o.answer or "(no answer)").splitlines())
    return lines


async def run_answers(
    *, verbose: bool = False, sets: tuple[str, ...] = tuple(SETS), only: str | None = None
) -> list[str]:
    questions = [q for name in sets for q in load_questions(name, only)]
    if not questions:
        raise SystemExit(f"no questions in {sets} (only={only!r})")
    clock = FixedClock(datetime.combine(questions[0].today, ASKED_AT, tzinfo=TZ))
    with tempfile.TemporaryDirectory(prefix="bench-answers-") as tmp:
        db = await seeded_database(Path(tmp), clock)
        try:
            outcomes = await ask_all(db, clock, questions)
        finally:
            await db.dispose()
    return report(outcomes, verbose=verbose)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.answers", description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="show failing answers")
    parser.add_argument("--set", choices=list(SETS), action="append", help="only this set")
    parser.add_argument("--only", metavar="FILE", help="one file of each set, e.g. who.yaml")
    args = parser.parse_args(argv)
    sets = tuple(args.set or SETS)
    for line in asyncio.run(run_answers(verbose=args.verbose, sets=sets, only=args.only)):
        print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
