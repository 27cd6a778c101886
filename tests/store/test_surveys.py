"""Survey rounds in the store: answers with no link to anyone, counted once, retention."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect, select

from bot.domain.survey_rounds import (
    EVERYONE,
    Answer,
    Choice,
    Invitation,
    RoundState,
    SurveyRound,
    Tally,
)
from bot.store.database import Database
from bot.store.tables import SurveyCommentRow, SurveyRoundRow, SurveyTallyRow

T0 = datetime(2026, 8, 3, 6, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=1)


async def _round(db: Database, region: str = "sodra-alvsborg") -> SurveyRound:
    return await db.surveys.create_round(
        SurveyRound(None, region, "Enkät", "augusti 2026", T0, T0 + timedelta(days=21), ("a", "b"))
    )


async def _people(db: Database, n: int) -> list[int]:
    ids = []
    for i in range(n):
        person = await db.roster.add_person(f"P{i}", f"p{i}@exempel.invalid")
        assert person.id is not None
        ids.append(person.id)
    return ids


def _count(tallies: list[Tally], question: str, group: str, choice: Choice) -> int:
    return sum(
        t.count for t in tallies if (t.question_key, t.group, t.choice) == (question, group, choice)
    )


async def test_answers_are_counted_once_and_never_linked_to_the_person(db: Database) -> None:
    survey = await _round(db)
    assert survey.id is not None
    (pid,) = await _people(db, 1)
    invitation = Invitation(survey.id, pid, ("a", "b"), ("styrgrupp",))
    assert await db.surveys.invite([invitation]) == 1
    assert await db.surveys.invite([invitation]) == 0  # idempotent
    first = [Answer("a", Choice.YES, "bra"), Answer("b", Choice.NO)]
    assert await db.surveys.record_answers(survey.id, pid, first, NOW) is True
    again = [Answer("a", Choice.PARTLY), Answer("b", Choice.NO)]
    assert await db.surveys.record_answers(survey.id, pid, again, NOW) is False  # not counted
    tallies = list(await db.surveys.tallies(survey.id))
    assert _count(tallies, "a", EVERYONE, Choice.YES) == 1
    assert _count(tallies, "a", "styrgrupp", Choice.YES) == 1
    assert _count(tallies, "a", EVERYONE, Choice.PARTLY) == 0
    assert list(await db.surveys.comments(survey.id)) == [("a", "bra")]
    stored_invitation = await db.surveys.invitation(survey.id, pid)
    assert stored_invitation is not None and stored_invitation.answered


async def test_a_double_submit_is_counted_once(db: Database) -> None:
    survey = await _round(db)
    assert survey.id is not None
    (pid,) = await _people(db, 1)
    await db.surveys.invite([Invitation(survey.id, pid, ("a",), ())])
    answers = [Answer("a", Choice.YES)]
    outcomes = await asyncio.gather(
        *(db.surveys.record_answers(survey.id, pid, answers, NOW) for _ in range(5))
    )
    assert sorted(outcomes, key=str) == [False, False, False, False, True]
    assert _count(list(await db.surveys.tallies(survey.id)), "a", EVERYONE, Choice.YES) == 1


async def test_nothing_stored_with_the_answers_singles_anyone_out(db: Database) -> None:
    """Three people whose group combinations are each unique: the stored answers hold no
    person, no token, no time, no sequence and no combination of groups."""
    survey = await _round(db)
    assert survey.id is not None
    people = await _people(db, 3)
    combos = [("au",), ("au", "styrgrupp"), ("styrgrupp",)]
    await db.surveys.invite(
        [Invitation(survey.id, p, ("a", "b"), c) for p, c in zip(people, combos, strict=True)]
    )
    for p, choice in zip(people, (Choice.YES, Choice.NO, Choice.PARTLY), strict=True):
        answers = [Answer("a", choice, f"kommentar {p}"), Answer("b", Choice.YES)]
        assert await db.surveys.record_answers(survey.id, p, answers, NOW) is True

    def columns(connection: object, table: str) -> set[str]:
        return {c["name"] for c in inspect(connection).get_columns(table)}

    async with db.sessions.engine.connect() as connection:
        assert await connection.run_sync(columns, "survey_tallies") == {
            "round_id", "group_key", "question_key", "choice", "count"
        }  # fmt: skip
        assert await connection.run_sync(columns, "survey_comments") == {
            "id", "round_id", "question_key", "comment"
        }  # fmt: skip
    async with db.sessions.read() as session:
        # The old column for a linking secret is kept (migration 0008), always empty.
        assert set(await session.scalars(select(SurveyRoundRow.secret))) == {""}
        groups = set(await session.scalars(select(SurveyTallyRow.group_key)))
        ids = list(await session.scalars(select(SurveyCommentRow.id)))
    assert groups == {EVERYONE, "au", "styrgrupp"}  # each group alone, never a combination
    assert len(set(ids)) == 3 and all(len(i) == 32 for i in ids)  # random, not a sequence


async def test_uninvited_or_closed_round_records_nothing(db: Database) -> None:
    survey = await _round(db)
    assert survey.id is not None
    a, b = await _people(db, 2)
    await db.surveys.invite([Invitation(survey.id, a, ("a",), ())])
    answers = [Answer("a", Choice.YES)]
    assert await db.surveys.record_answers(survey.id, b, answers, NOW) is None
    assert await db.surveys.record_answers(survey.id, a, answers, T0 - timedelta(hours=1)) is None
    assert await db.surveys.close_round(survey.id)
    assert not await db.surveys.close_round(survey.id)
    assert await db.surveys.record_answers(survey.id, a, answers, NOW) is None
    assert list(await db.surveys.tallies(survey.id)) == []
    closed = await db.surveys.get_round(survey.id)
    assert closed is not None and closed.state is RoundState.CLOSED


async def test_retention_forgets_identities_and_comments_of_old_rounds(db: Database) -> None:
    old = await _round(db)
    assert old.id is not None
    (pid,) = await _people(db, 1)
    await db.surveys.invite([Invitation(old.id, pid, ("a",), ("dps",))])
    await db.surveys.record_answers(old.id, pid, [Answer("a", Choice.NO, "namn här")], NOW)
    await db.surveys.mark_reminded(old.id, pid, "7d", NOW)
    assert await db.surveys.forget_before(T0) == 0  # not closed before the cutoff yet
    assert await db.surveys.forget_before(T0 + timedelta(days=400)) == 1
    (invitation,) = await db.surveys.invitations(old.id)
    assert invitation.person_id is None and invitation.answered and invitation.groups == ("dps",)
    assert list(await db.surveys.comments(old.id)) == []
    assert _count(list(await db.surveys.tallies(old.id)), "a", EVERYONE, Choice.NO) == 1


async def test_reminders_and_reach_are_recorded(db: Database) -> None:
    survey = await _round(db)
    assert survey.id is not None
    a, b = await _people(db, 2)
    await db.surveys.invite([Invitation(survey.id, p, ("a",), ()) for p in (a, b)])
    await db.surveys.set_reach(survey.id, a, conversation_id="a:chat")
    await db.surveys.set_reach(survey.id, b, unreachable="inget AAD-id")
    await db.surveys.mark_reminded(survey.id, a, "7d", NOW)
    await db.surveys.mark_reminded(survey.id, a, "7d", NOW)
    first, second = await db.surveys.invitations(survey.id)
    assert first.conversation_id == "a:chat" and first.reminders == ("7d",)
    assert second.unreachable == "inget AAD-id"
    assert [r.id for r in await db.surveys.rounds("sodra-alvsborg")] == [survey.id]
