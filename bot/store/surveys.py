"""Survey rounds, invitations and anonymous answers in SQL.

Private by construction: identities live only in `survey_invitations`, which records that a
person answered and nothing else (no time). The answers become counts per question, choice
and group (`survey_tallies`), each of a person's groups counted on its own row, and loose
comments with random ids (`survey_comments`). No key, token or join ties an answer to a
person, while the round is open or after — which is also why an answer cannot be changed.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, delete, select, update

from bot.domain.survey_rounds import (
    Answer,
    Choice,
    Invitation,
    RoundState,
    SurveyRound,
    Tally,
    tallies_of,
)
from bot.store.dialect import insert
from bot.store.engine import Sessions
from bot.store.tables import (
    SurveyCommentRow,
    SurveyInvitationRow,
    SurveyRoundRow,
    SurveyTallyRow,
)


def round_of(row: SurveyRoundRow) -> SurveyRound:
    return SurveyRound(
        id=row.id,
        region=row.region,
        title=row.title,
        period=row.period,
        opens_at=row.opens_at,
        closes_at=row.closes_at,
        question_keys=tuple(row.question_keys),
        state=RoundState(row.state),
    )


def invitation_of(row: SurveyInvitationRow) -> Invitation:
    return Invitation(
        round_id=row.round_id,
        person_id=row.person_id,
        question_keys=tuple(row.question_keys),
        groups=tuple(row.groups),
        conversation_id=row.conversation_id,
        answered=row.answered,
        reminders=tuple(row.reminders or ()),
        unreachable=row.unreachable,
    )


class SqlSurveyStore:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    # -- rounds -------------------------------------------------------------------------

    async def create_round(self, survey: SurveyRound) -> SurveyRound:
        async with self._sessions.write() as session:
            row = SurveyRoundRow(
                region=survey.region,
                title=survey.title,
                period=survey.period,
                opens_at=survey.opens_at,
                closes_at=survey.closes_at,
                question_keys=list(survey.question_keys),
                state=RoundState.OPEN.value,
                created_at=self._sessions.now(),
            )
            session.add(row)
            await session.flush()
            return round_of(row)

    async def get_round(self, round_id: int) -> SurveyRound | None:
        async with self._sessions.read() as session:
            row = await session.get(SurveyRoundRow, round_id)
            return round_of(row) if row else None

    async def rounds(self, region: str) -> Sequence[SurveyRound]:
        """The region's rounds, newest first."""
        async with self._sessions.read() as session:
            rows = await session.scalars(
                select(SurveyRoundRow)
                .where(SurveyRoundRow.region == region)
                .order_by(SurveyRoundRow.opens_at.desc(), SurveyRoundRow.id.desc())
            )
            return [round_of(row) for row in rows]

    async def close_round(self, round_id: int) -> bool:
        """Closed from now on; False when it already was."""
        async with self._sessions.write() as session:
            result = await session.execute(
                update(SurveyRoundRow)
                .where(
                    SurveyRoundRow.id == round_id,
                    SurveyRoundRow.state == RoundState.OPEN.value,
                )
                .values(state=RoundState.CLOSED.value)
            )
            return bool(getattr(result, "rowcount", 0))

    # -- invitations --------------------------------------------------------------------

    async def invite(self, invitations: Sequence[Invitation]) -> int:
        """Store invitations; one already stored for the person stays as it is."""
        added = 0
        async with self._sessions.write() as session:
            for invitation in invitations:
                stmt = (
                    insert(self._sessions.dialect, SurveyInvitationRow)
                    .values(
                        round_id=invitation.round_id,
                        person_id=invitation.person_id,
                        conversation_id=invitation.conversation_id,
                        question_keys=list(invitation.question_keys),
                        groups=list(invitation.groups),
                        answered=False,
                        reminders=[],
                        reminded_at=None,
                        unreachable="",
                    )
                    .on_conflict_do_nothing(index_elements=["round_id", "person_id"])
                )
                result = await session.execute(stmt)
                added += int(getattr(result, "rowcount", 0) or 0)
        return added

    async def invitation(self, round_id: int, person_id: int) -> Invitation | None:
        async with self._sessions.read() as session:
            row = await session.scalar(
                select(SurveyInvitationRow).where(
                    SurveyInvitationRow.round_id == round_id,
                    SurveyInvitationRow.person_id == person_id,
                )
            )
            return invitation_of(row) if row else None

    async def round_and_invitation(
        self, round_id: int, person_id: int | None
    ) -> tuple[SurveyRound | None, Invitation | None]:
        async with self._sessions.read() as session:
            survey = await session.get(SurveyRoundRow, round_id)
            if survey is None or person_id is None:
                return (round_of(survey) if survey else None), None
            row = await session.scalar(
                select(SurveyInvitationRow).where(
                    SurveyInvitationRow.round_id == round_id,
                    SurveyInvitationRow.person_id == person_id,
                )
            )
            return round_of(survey), (invitation_of(row) if row else None)

    async def invitations(self, round_id: int) -> Sequence[Invitation]:
        async with self._sessions.read() as session:
            rows = await session.scalars(
                select(SurveyInvitationRow)
                .where(SurveyInvitationRow.round_id == round_id)
                .order_by(SurveyInvitationRow.id)
            )
            return [invitation_of(row) for row in rows]

    async def set_reach(
        self, round_id: int, person_id: int, *, conversation_id: str = "", unreachable: str = ""
    ) -> None:
        async with self._sessions.write() as session:
            await session.execute(
                update(SurveyInvitationRow)
                .where(
                    SurveyInvitationRow.round_id == round_id,
                    SurveyInvitationRow.person_id == person_id,
                )
                .values(conversation_id=conversation_id, unreachable=unreachable[:200])
            )

    async def mark_reminded(
        self, round_id: int, person_id: int, reminder: str, at: datetime
    ) -> None:
        async with self._sessions.write() as session:
            row = await session.scalar(
                select(SurveyInvitationRow).where(
                    SurveyInvitationRow.round_id == round_id,
                    SurveyInvitationRow.person_id == person_id,
                )
            )
            if row is not None and reminder not in (row.reminders or []):
                row.reminders = [*(row.reminders or []), reminder]
                row.reminded_at = at

    # -- responses ----------------------------------------------------------------------

    async def record_answers(
        self, round_id: int, person_id: int, answers: Sequence[Answer], now: datetime
    ) -> bool | None:
        """Count a person's answers once, in one transaction with the "answered" mark.

        None when the round is not open or the person not invited (checked again here, in
        the same transaction that writes, so a round closing meanwhile wins); False when
        they had answered already (a double submit: the conditional update lets exactly
        one of two concurrent submits through).
        """
        async with self._sessions.write() as session:
            survey = await session.get(SurveyRoundRow, round_id)
            if survey is None or not round_of(survey).is_open(now):
                return None
            invitation = SurveyInvitationRow
            mine = and_(invitation.round_id == round_id, invitation.person_id == person_id)
            marked = (
                await session.execute(
                    update(invitation)
                    .where(mine, invitation.answered.is_(False))
                    .values(answered=True)
                    .returning(invitation.groups)
                )
            ).first()
            if marked is None:
                asked = await session.scalar(select(invitation.id).where(mine))
                return None if asked is None else False
            increments = tallies_of(answers, marked[0] or ())
            stmt = insert(self._sessions.dialect, SurveyTallyRow)
            stmt = stmt.on_conflict_do_update(
                index_elements=["round_id", "group_key", "question_key", "choice"],
                set_={"count": SurveyTallyRow.count + 1},
            )
            await session.execute(
                stmt,
                [
                    {
                        "round_id": round_id,
                        "group_key": t.group,
                        "question_key": t.question_key,
                        "choice": t.choice.value,
                        "count": 1,
                    }
                    for t in increments
                ],
            )
            comments = [
                {
                    "id": secrets.token_hex(16),
                    "round_id": round_id,
                    "question_key": a.question_key,
                    "comment": a.comment,
                }
                for a in answers
                if a.comment
            ]
            if comments:
                await session.execute(insert(self._sessions.dialect, SurveyCommentRow), comments)
            return True

    async def tallies(self, round_id: int) -> Sequence[Tally]:
        async with self._sessions.read() as session:
            rows = await session.scalars(
                select(SurveyTallyRow).where(SurveyTallyRow.round_id == round_id)
            )
            return [
                Tally(row.question_key, row.group_key, Choice(row.choice), row.count)
                for row in rows
            ]

    async def comments(self, round_id: int) -> Sequence[tuple[str, str]]:
        async with self._sessions.read() as session:
            rows = await session.execute(
                select(SurveyCommentRow.question_key, SurveyCommentRow.comment)
                .where(SurveyCommentRow.round_id == round_id)
                .order_by(SurveyCommentRow.id)  # random ids: a shuffled order, every time alike
            )
            return [(key, comment) for key, comment in rows.tuples()]

    # -- retention and reach ------------------------------------------------------------

    async def forget_before(self, cutoff: datetime) -> int:
        """For rounds that closed before `cutoff`: drop who was invited and the comments.

        Counts and group snapshots stay, so old response rates and results still show.
        Returns how many rounds were cleaned.
        """
        async with self._sessions.write() as session:
            ids = list(
                await session.scalars(
                    select(SurveyRoundRow.id).where(SurveyRoundRow.closes_at < cutoff)
                )
            )
            if not ids:
                return 0
            await session.execute(
                update(SurveyRoundRow)
                .where(SurveyRoundRow.id.in_(ids))
                .values(state=RoundState.CLOSED.value)
            )
            await session.execute(
                update(SurveyInvitationRow)
                .where(SurveyInvitationRow.round_id.in_(ids))
                .values(person_id=None, conversation_id="", unreachable="")
            )
            await session.execute(
                delete(SurveyCommentRow).where(SurveyCommentRow.round_id.in_(ids))
            )
            return len(ids)
