"""The office's survey: answers from the card, and the office's survey commands.

- The answer card's submit: the respondent is the roster person behind the sender's
  `aadObjectId`, as Teams names it, never anything in the submitted data. Answers are checked
  (invited, round open, valid choices, comment length) and stored apart from the person; a
  refused submit is logged. Sending the same answers again, or a replayed activity, changes
  nothing; new answers replace the old until the round closes.
- The office's commands: *starta enkät*, *ny enkät* (a card to choose period, close date and
  questions), *påminn enkät*, *stäng enkät*; results are in `dialogs.surveys.results`.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.ids import row_id
from bot.domain.model import Governance, Membership, Survey
from bot.domain.ports import ConversationKind, ConversationStore, RosterStore, SurveyStore
from bot.domain.survey import questions_for
from bot.domain.survey_rounds import (
    MAX_COMMENT,
    Invitation,
    Refusal,
    SurveyRound,
    due_reminder,
    period_label,
    read_answers,
    round_times,
    to_remind,
)
from dialogs.jobs import Background
from dialogs.reply import Reply
from dialogs.routing import Turn
from dialogs.surveys import cards as survey_cards
from dialogs.surveys.form import OpenRequest, open_form, read_open
from dialogs.surveys.sending import SurveySender
from dialogs.surveys.texts import TEXTS

log = logging.getLogger(__name__)

_REFUSALS = {
    Refusal.NOT_INVITED: TEXTS.refused_not_invited,
    Refusal.NOT_OPEN: TEXTS.refused_not_open,
    Refusal.MISSING_CHOICE: TEXTS.refused_invalid,
    Refusal.INVALID_CHOICE: TEXTS.refused_invalid,
    Refusal.UNKNOWN_QUESTION: TEXTS.refused_unknown,
    Refusal.COMMENT_TOO_LONG: TEXTS.refused_comment.format(max=MAX_COMMENT),
}


class SurveyDesk:
    def __init__(
        self,
        governance: Governance,
        surveys: SurveyStore,
        roster: RosterStore,
        conversations: ConversationStore,
        sender: SurveySender,
        background: Background,
        region: str,
        tz: ZoneInfo,
        close_days: int,
    ) -> None:
        self._governance = governance
        self._surveys = surveys
        self._roster = roster
        self._conversations = conversations
        self.sender = sender
        self._background = background
        self.region = region
        self._tz = tz
        self._close_days = close_days

    def when(self, moment: datetime) -> str:
        return survey_cards.swedish_day(self._tz)(moment)

    # -- answers ------------------------------------------------------------------------

    async def answer(self, turn: Turn) -> Reply:
        """The answer card's submit; the sender Teams names is the respondent."""
        if turn.kind is not ConversationKind.PERSONAL:
            # Never in a channel or group chat: even a reply there would show who answered.
            return Reply(TEXTS.personal_only)
        aad = turn.aad_object_id
        now = turn.now
        value = dict(turn.value)
        # The person the turn's identity already found (by AAD id, or by UPN once linked).
        person = turn.person or (await self._roster.person_by_aad(aad) if aad else None)
        round_id = value.get("round")
        number = row_id(round_id)
        survey, invitation = (
            await self._surveys.round_and_invitation(number, person.id if person else None)
            if number is not None
            else (None, None)
        )
        if survey is None:
            return self._refuse(Refusal.NOT_INVITED, aad, round_id)
        answers, refusal = read_answers(survey, invitation, value, now)
        if refusal is not None or person is None or person.id is None or survey.id is None:
            return self._refuse(refusal or Refusal.NOT_INVITED, aad, round_id)
        if invitation is not None and invitation.answered:
            return Reply(TEXTS.already_answered)
        first = await self._surveys.record_answers(survey.id, person.id, answers, now)
        if first is None:  # closed between the check and the write
            return self._refuse(Refusal.NOT_OPEN, aad, round_id)
        if not first:  # a double submit: the other one was counted and thanked
            return Reply(TEXTS.already_answered)
        questions = self.sender.questions([a.question_key for a in answers], survey.region)
        return survey_cards.thanks(survey, questions, answers, self.when)

    def _refuse(self, refusal: Refusal, aad: str, round_id: object) -> Reply:
        log.warning("survey answer refused (%s): sender aad=%r round=%r", refusal, aad, round_id)
        return Reply(_REFUSALS[refusal])

    # -- the office's commands ----------------------------------------------------------

    async def start(self, turn: Turn, rest: str = "") -> Reply:
        """*starta enkät*: a round with every question, now."""
        return await self.open_round(turn.conversation_id, turn.now)

    async def plan(self, turn: Turn, rest: str = "") -> Reply:
        """*ny enkät*: the card to choose period, close date and questions."""
        survey = self._survey()
        if survey is None:
            return Reply(TEXTS.no_survey.format(region=self._region_name()))
        local = turn.now.astimezone(self._tz)
        closes = local.date() + timedelta(days=self._close_days)
        return open_form(survey.questions, period_label(local.date()), closes)

    async def open_by_card(self, turn: Turn) -> Reply:
        """The "ny enkät" card's submit (office only: the route table checks)."""
        survey = self._survey()
        if survey is None:
            return Reply(TEXTS.no_survey.format(region=self._region_name()))
        today = turn.now.astimezone(self._tz).date()
        request = read_open(dict(turn.value), survey.questions, today)
        if isinstance(request, str):
            return Reply(request)
        return await self.open_round(turn.conversation_id, turn.now, request=request)

    async def remind_command(self, turn: Turn, rest: str = "") -> Reply:
        return await self.remind(turn.now, manual=True)

    async def close_command(self, turn: Turn, rest: str = "") -> Reply:
        return await self.close(turn.now)

    # -- rounds -------------------------------------------------------------------------

    async def current(self) -> SurveyRound | None:
        rounds = await self._surveys.rounds(self.region)
        return rounds[0] if rounds else None

    async def open_round(
        self, office_conversation: str, now: datetime, request: OpenRequest | None = None
    ) -> Reply:
        survey_data = self._survey()
        if survey_data is None:
            return Reply(TEXTS.no_survey.format(region=self._region_name()))
        latest = await self.current()
        if latest is not None and latest.is_open(now):
            return Reply(
                TEXTS.already_open.format(period=latest.period, closes=self.when(latest.closes_at))
            )
        local = now.astimezone(self._tz)
        days = self._close_days
        if request is not None:
            days = (request.closes - local.date()).days
        opens, closes = round_times(local, days)
        survey = await self._surveys.create_round(
            SurveyRound(
                None,
                self.region,
                survey_data.sent_by,
                request.period if request else period_label(local.date()),
                opens,
                closes,
                request.question_keys if request else tuple(q.key for q in survey_data.questions),
            )
        )
        invitations = await self._invitations(survey, survey_data, local)
        await self._surveys.invite(invitations)
        questions = [q for q in survey_data.questions if q.key in survey.question_keys]
        self._background.spawn(
            f"survey {survey.id}: cards", self._dispatch(survey, office_conversation, now)
        )
        return survey_cards.opened(survey, questions, len(invitations), self.when)

    async def _invitations(
        self, survey: SurveyRound, survey_data: Survey, local: datetime
    ) -> list[Invitation]:
        data = self._governance.region(self.region)
        assert data is not None and survey.id is not None
        held: dict[int, list[Membership]] = {}
        for group in data.groups:
            for m in await self._roster.memberships_of_group(self.region, group.key, local.date()):
                if m.person.id is not None:
                    held.setdefault(m.person.id, []).append(m)
        asked = [q for q in survey_data.questions if q.key in survey.question_keys]
        invitations = []
        for person_id, memberships in sorted(held.items()):
            mine = questions_for(asked, memberships, self._governance)
            if mine:
                groups = tuple(sorted({m.group for m in memberships}))
                keys = tuple(q.key for q in mine)
                invitations.append(Invitation(survey.id, person_id, keys, groups))
        return invitations

    async def _dispatch(self, survey: SurveyRound, office_conversation: str, now: datetime) -> None:
        """Reach everyone, then tell the office who could not be reached."""
        assert survey.id is not None
        invitations = await self._surveys.invitations(survey.id)
        like = await self._conversations.get(office_conversation)
        missing = await self.sender.send_cards(survey, invitations, like, now)
        report = survey_cards.unreachable(survey, len(invitations), missing)
        await self.sender.tell_office(
            office_conversation, f"survey:{survey.id}:unreachable", report, now
        )

    async def remind(self, now: datetime, *, manual: bool = False) -> Reply:
        survey = await self.current()
        if survey is None or survey.id is None or not survey.is_open(now):
            return Reply(TEXTS.no_open_round.format(region=self._region_name()))
        # The office may remind at any time; at most once a day when it asks by hand.
        name = due_reminder(survey, now) or ""
        if manual:
            name = name or f"extra-{now.astimezone(self._tz):%Y%m%d}"
        if not name:
            return Reply(TEXTS.reminded.format(count=0))
        waiting = to_remind(await self._surveys.invitations(survey.id), name)
        missing = await self.sender.send_cards(survey, waiting, None, now, reminder=name)
        return Reply(TEXTS.reminded.format(count=len(waiting) - len(missing)))

    async def close(self, now: datetime) -> Reply:
        survey = await self.current()
        if survey is None or survey.id is None or not survey.is_open(now):
            return Reply(TEXTS.no_open_round.format(region=self._region_name()))
        await self._surveys.close_round(survey.id)
        return Reply(TEXTS.closed.format(period=survey.period))

    def _survey(self) -> Survey | None:
        data = self._governance.region(self.region)
        return data.survey if data else None

    def _region_name(self) -> str:
        data = self._governance.region(self.region)
        return data.region.name if data else self.region
