"""Survey rounds, invitations and anonymous responses in SQL.

Identities live only in `survey_invitations`. A response row carries a respondent token,
HMAC-SHA256 of the person id under the round's own secret: the same person gets the same
token within a round (so a changed answer replaces the old one) but the token cannot be
tied to anyone without the secret, which is wiped when the round closes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update

from bot.domain.survey_rounds import (
    Answer,
    Choice,
    Invitation,
    RoundState,
    StoredResponse,
    SurveyRound,
)
from bot.store.dialect import insert
from bot.store.engine import Sessions
from bot.store.tables import (
    SurveyInvitationRow,
    SurveyResponseRow,
    SurveyRoundRow,
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


def respondent_token(secret: str, person_id: int) -> str:
    return hmac.new(bytes.fromhex(secret), str(person_id).encode(), hashlib.sha256).hexdigest()


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
                secret=secrets.token_hex(32),
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
        """Closed from now on, and the token secret wiped; False when it already was."""
        async with self._sessions.write() as session:
            result = await session.execute(
                update(SurveyRoundRow)
                .where(
                    SurveyRoundRow.id == round_id,
                    SurveyRoundRow.state == RoundState.OPEN.value,
                )
                .values(state=RoundState.CLOSED.value, secret="")
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
        """Store (or replace) a person's answers in one transaction.

        None when the round is not open or the person not invited (checked again here, in
        the same transaction that writes, so a round closing meanwhile wins); else True
        for a first answer and False for a changed one.
        """
        async with self._sessions.write() as session:
            survey = await session.get(SurveyRoundRow, round_id)
            if survey is None or not survey.secret or not round_of(survey).is_open(now):
                return None
            invitation = await session.scalar(
                select(SurveyInvitationRow).where(
                    SurveyInvitationRow.round_id == round_id,
                    SurveyInvitationRow.person_id == person_id,
                )
            )
            if invitation is None:
                return None
            token = respondent_token(survey.secret, person_id)
            groups = list(invitation.groups)
            for answer in answers:
                values = {
                    "round_id": round_id,
                    "respondent": token,
                    "question_key": answer.question_key,
                    "choice": answer.choice.value,
                    "comment": answer.comment,
                    "groups": groups,
                }
                stmt = insert(self._sessions.dialect, SurveyResponseRow).values(**values)
                stmt = stmt.on_conflict_do_update(
                    index_elements=["round_id", "respondent", "question_key"],
                    set_={"choice": stmt.excluded.choice, "comment": stmt.excluded.comment},
                )
                await session.execute(stmt)
            first = not invitation.answered
            invitation.answered = True
            return first

    async def responses(self, round_id: int) -> Sequence[StoredResponse]:
        async with self._sessions.read() as session:
            rows = await session.scalars(
                select(SurveyResponseRow).where(SurveyResponseRow.round_id == round_id)
            )
            return [
                StoredResponse(
                    question_key=row.question_key,
                    choice=Choice(row.choice),
                    groups=tuple(row.groups),
                    comment=row.comment,
                )
                for row in rows
            ]

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
                .values(state=RoundState.CLOSED.value, secret="")
            )
            await session.execute(
                update(SurveyInvitationRow)
                .where(SurveyInvitationRow.round_id.in_(ids))
                .values(person_id=None, conversation_id="", unreachable="")
            )
            await session.execute(
                update(SurveyResponseRow)
                .where(SurveyResponseRow.round_id.in_(ids), SurveyResponseRow.comment != "")
                .values(comment="")
            )
            return len(ids)
