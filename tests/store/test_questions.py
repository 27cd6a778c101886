"""The office question repository, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.domain.ports import OfficeQuestion, QuestionStore
from bot.store.database import Database

SA = "sodra-alvsborg"
FYRBODAL = "fyrbodal"


def _question(text: str = "Hur bokar jag ett rum?", **overrides: object) -> OfficeQuestion:
    values: dict[str, object] = {
        "id": None,
        "region": SA,
        "text": text,
        "asker_name": "Anna Ordf",
        "asker_upn": "anna.ordf@exempel.invalid",
        "asker_conversation_id": "a:personal-1",
    }
    values.update(overrides)
    return OfficeQuestion(**values)  # type: ignore[arg-type]


def test_database_implements_the_port(db: Database) -> None:
    questions: QuestionStore = db.questions
    assert questions is not None


async def test_add_get_and_mark_posted(db: Database) -> None:
    stored, new = await db.questions.add(_question())
    assert new and stored.id is not None
    assert stored.created_at is not None and stored.created_at.tzinfo is not None
    assert not stored.answered

    await db.questions.mark_posted(stored.id, "19:kansli@thread.skype", "1700000000001")
    found = await db.questions.get(stored.id)
    assert found is not None
    assert (found.text, found.region, found.asker_upn) == (stored.text, SA, stored.asker_upn)
    assert (found.office_conversation_id, found.office_activity_id) == (
        "19:kansli@thread.skype",
        "1700000000001",
    )
    assert found.asker_person_id is None
    assert await db.questions.get(stored.id + 1000) is None


async def test_answer_only_once(db: Database) -> None:
    stored, _ = await db.questions.add(_question())
    assert stored.id is not None
    when = datetime(2026, 11, 22, 13, 0, tzinfo=UTC)

    first = await db.questions.answer(stored.id, "Via Outlook.", "Kim Kansli", at=when)
    assert first is not None
    answered, was_first = first
    assert was_first
    assert (answered.answer, answered.answered_by, answered.answered_at) == (
        "Via Outlook.",
        "Kim Kansli",
        when,
    )

    second = await db.questions.answer(stored.id, "Något annat.", "Lo Kansli")
    assert second is not None
    again, was_first = second
    assert not was_first
    assert (again.answer, again.answered_by) == ("Via Outlook.", "Kim Kansli")
    assert await db.questions.answer(stored.id + 1000, "x", "y") is None


async def test_concurrent_answers_let_exactly_one_through(db: Database) -> None:
    stored, _ = await db.questions.add(_question())
    assert stored.id is not None
    question_id = stored.id
    results = await asyncio.gather(
        *(db.questions.answer(question_id, f"Svar {i}", f"Person {i}") for i in range(5))
    )
    firsts = [r for r in results if r is not None and r[1]]
    assert len(firsts) == 1
    winner = firsts[0][0]
    assert all(r is not None and r[0].answer == winner.answer for r in results)


async def test_unanswered_oldest_first_and_by_region(db: Database) -> None:
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    a, _ = await db.questions.add(_question("A?", created_at=start + timedelta(minutes=2)))
    b, _ = await db.questions.add(_question("B?", created_at=start))
    c, _ = await db.questions.add(
        _question("C?", region=FYRBODAL, created_at=start + timedelta(minutes=1))
    )
    assert [q.text for q in await db.questions.unanswered()] == ["B?", "C?", "A?"]
    assert [q.text for q in await db.questions.unanswered(FYRBODAL)] == ["C?"]

    assert b.id is not None
    await db.questions.answer(b.id, "Svar", "Kim")
    assert [q.id for q in await db.questions.unanswered()] == [c.id, a.id]
    assert await db.questions.unanswered("skaraborg") == []


async def test_repeat_within_the_window_is_not_stored_twice(db: Database) -> None:
    window = timedelta(minutes=5)
    first, new = await db.questions.add(_question(), dedupe_within=window)
    assert new
    again, new = await db.questions.add(_question(), dedupe_within=window)
    assert not new and again.id == first.id

    # Another text, another conversation, or no window: stored.
    assert (await db.questions.add(_question("Annan fråga?"), dedupe_within=window))[1]
    other = _question(asker_conversation_id="a:personal-2")
    assert (await db.questions.add(other, dedupe_within=window))[1]
    assert (await db.questions.add(_question()))[1]

    # The same text long after the window is a new question.
    later = _question(created_at=db.sessions.now() + timedelta(minutes=10))
    assert (await db.questions.add(later, dedupe_within=window))[1]


async def test_double_click_at_the_same_moment_stores_one(db: Database) -> None:
    window = timedelta(minutes=5)
    results = await asyncio.gather(
        *(db.questions.add(_question("Samtidigt?"), dedupe_within=window) for _ in range(4))
    )
    assert sum(1 for _, new in results if new) == 1
    assert len({q.id for q, _ in results}) == 1
    assert [q.text for q in await db.questions.unanswered()] == ["Samtidigt?"]


async def test_asker_person_is_kept_as_a_link_that_may_go(db: Database) -> None:
    person = await db.roster.add_person("Anna Ordf", "anna.ordf@exempel.invalid", "Borås Stad")
    assert person.id is not None
    stored, _ = await db.questions.add(_question(asker_person_id=person.id))
    assert stored.id is not None
    found = await db.questions.get(stored.id)
    assert found is not None and found.asker_person_id == person.id
