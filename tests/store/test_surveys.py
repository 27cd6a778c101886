"""Survey rounds in the store: answers apart from identities, replaced on change, retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.domain.survey_rounds import Answer, Choice, Invitation, RoundState, SurveyRound
from bot.store.database import Database
from bot.store.tables import SurveyResponseRow, SurveyRoundRow

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


async def test_answers_are_stored_without_the_person_and_replaced_on_change(db: Database) -> None:
    survey = await _round(db)
    assert survey.id is not None
    (pid,) = await _people(db, 1)
    invitation = Invitation(survey.id, pid, ("a", "b"), ("styrgrupp",))
    assert await db.surveys.invite([invitation]) == 1
    assert await db.surveys.invite([invitation]) == 0  # idempotent
    first = [Answer("a", Choice.YES, "bra"), Answer("b", Choice.NO)]
    assert await db.surveys.record_answers(survey.id, pid, first, NOW) is True
    again = [Answer("a", Choice.PARTLY), Answer("b", Choice.NO)]
    assert await db.surveys.record_answers(survey.id, pid, again, NOW) is False
    stored = sorted(await db.surveys.responses(survey.id), key=lambda r: r.question_key)
    assert [(r.question_key, r.choice, r.comment) for r in stored] == [
        ("a", Choice.PARTLY, ""),
        ("b", Choice.NO, ""),
    ]
    assert stored[0].groups == ("styrgrupp",)
    async with db.sessions.read() as session:
        tokens = set(await session.scalars(select(SurveyResponseRow.respondent)))
    assert len(tokens) == 1 and next(iter(tokens)) != str(pid)  # a keyed hash, 64 hex
    stored_invitation = await db.surveys.invitation(survey.id, pid)
    assert stored_invitation is not None and stored_invitation.answered


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
    assert await db.surveys.responses(survey.id) == []
    closed = await db.surveys.get_round(survey.id)
    assert closed is not None and closed.state is RoundState.CLOSED
    async with db.sessions.read() as session:
        assert await session.scalar(select(SurveyRoundRow.secret)) == ""  # tokens unlinkable


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
    (response,) = await db.surveys.responses(old.id)
    assert response.comment == "" and response.choice is Choice.NO


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
