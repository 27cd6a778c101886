"""The office's survey in Teams: answers from the card, and the office's survey commands.

- Submit `survey_answer` (the answer card): the respondent is the roster person behind the
  sender's `aadObjectId`, as Teams names it, never anything in the submitted data. Answers
  are checked here (invited, round open, valid choices, comment length) and stored apart
  from the person; a refused submit is logged. Sending the same answers again, or a
  replayed activity, changes nothing; new answers replace the old until the round closes.
- Office text commands, by their leading words: *starta enkät*, *enkätresultat*,
  *påminn enkät*, *stäng enkät*.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from botbuilder.core import TurnContext

from bot.domain.dates import SV_MONTHS
from bot.domain.model import Governance, Membership
from bot.domain.names import fold
from bot.domain.survey import questions_for
from bot.domain.survey_rounds import (
    ANSWER_ACTION,
    MAX_COMMENT,
    Invitation,
    Refusal,
    SurveyRound,
    due_reminder,
    period_label,
    read_answers,
    results,
    round_times,
    to_remind,
)
from bot.settings import Settings
from bot.store.database import Database
from bot.teams.connector import BotConnector
from bot.teams.identity import Identity
from bot.teams.outgoing import to_activity
from bot.teams.survey_sending import SurveySender
from dialogs import survey_cards
from dialogs.conversation import Conversation, Incoming
from dialogs.reply import Reply
from dialogs.survey_form import OPEN_ACTION, OpenRequest, open_form, read_open
from dialogs.texts.surveys_sv import TEXTS

log = logging.getLogger(__name__)

_OPEN = (("starta", "enkat"), ("starta", "enkaten"), ("oppna", "enkaten"), ("oppna", "enkat"))
_PLAN = (("ny", "enkat"), ("ny", "enkatomgang"), ("planera", "enkat"))
_RESULTS = (("enkatresultat",), ("enkat", "resultat"), ("enkatens", "resultat"))
_REMIND = (("paminn", "enkat"), ("paminn", "om", "enkaten"), ("paminn", "enkaten"))
_CLOSE = (("stang", "enkat"), ("stang", "enkaten"))

_REFUSALS = {
    Refusal.NOT_INVITED: TEXTS.refused_not_invited,
    Refusal.NOT_OPEN: TEXTS.refused_not_open,
    Refusal.MISSING_CHOICE: TEXTS.refused_invalid,
    Refusal.INVALID_CHOICE: TEXTS.refused_invalid,
    Refusal.UNKNOWN_QUESTION: TEXTS.refused_unknown,
    Refusal.COMMENT_TOO_LONG: TEXTS.refused_comment.format(max=MAX_COMMENT),
}


class SurveyDesk:
    """A `SubmitHandler` for survey answers and a `TextCommand` for the office."""

    def __init__(
        self,
        settings: Settings,
        governance: Governance,
        db: Database,
        connector: BotConnector,
        region: str,
    ) -> None:
        self._settings = settings
        self._governance = governance
        self._db = db
        self._region = region
        self.sender = SurveySender(db, connector, governance, self.when)
        self._tasks: set[asyncio.Task[None]] = set()

    def when(self, moment: datetime) -> str:
        local = moment.astimezone(self._settings.timezone)
        return f"{local.day} {SV_MONTHS[local.month - 1]} {local.year}"

    # -- answers ------------------------------------------------------------------------

    async def on_submit(
        self, turn_context: TurnContext, value: dict[str, Any], identity: Identity
    ) -> bool:
        if value.get("action") == OPEN_ACTION:
            conversation_id = turn_context.activity.conversation.id
            reply = await self._open_by_card(value, identity, conversation_id)
            await turn_context.send_activity(to_activity(reply))
            return True
        if value.get("action") != ANSWER_ACTION:
            return False
        sender = turn_context.activity.from_property
        reply = await self.answer(getattr(sender, "aad_object_id", None) or "", value)
        await turn_context.send_activity(to_activity(reply))
        return True

    async def answer(self, aad: str, value: dict[str, Any], now: datetime | None = None) -> Reply:
        now = now or datetime.now(UTC)
        person = await self._db.roster.person_by_aad(aad) if aad else None
        round_id = value.get("round")
        number = str(round_id) if isinstance(round_id, int | str) else ""
        survey = await self._db.surveys.get_round(int(number)) if number.isdigit() else None
        invitation = (
            await self._db.surveys.invitation(survey.id, person.id)
            if survey is not None and survey.id is not None and person and person.id
            else None
        )
        if survey is None:
            return self._refuse(Refusal.NOT_INVITED, aad, round_id)
        answers, refusal = read_answers(survey, invitation, value, now)
        if refusal is not None or person is None or person.id is None or survey.id is None:
            return self._refuse(refusal or Refusal.NOT_INVITED, aad, round_id)
        first = await self._db.surveys.record_answers(survey.id, person.id, answers, now)
        if first is None:  # closed between the check and the write
            return self._refuse(Refusal.NOT_OPEN, aad, round_id)
        questions = self.sender.questions([a.question_key for a in answers], survey.region)
        return survey_cards.thanks(survey, questions, answers, self.when, first=first)

    def _refuse(self, refusal: Refusal, aad: str, round_id: object) -> Reply:
        log.warning("survey answer refused (%s): sender aad=%r round=%r", refusal, aad, round_id)
        return Reply(_REFUSALS[refusal])

    # -- the office's commands ----------------------------------------------------------

    async def reply_to(self, incoming: Incoming, now: datetime) -> Reply | None:
        tokens = tuple(fold(incoming.text).split())

        def starts(prefixes: tuple[tuple[str, ...], ...]) -> bool:
            return any(tokens[: len(p)] == p for p in prefixes)

        if not any(starts(p) for p in (_OPEN, _RESULTS, _REMIND, _CLOSE, _PLAN)):
            return None
        if not incoming.is_office:
            return Reply(TEXTS.office_only)
        if starts(_OPEN):
            return await self.open_round(incoming.conversation_id, now)
        if starts(_PLAN):
            return self._form(now)
        if starts(_RESULTS):
            return await self.results(now)
        if starts(_REMIND):
            return await self.remind(now, manual=True)
        return await self.close(now)

    def _region_name(self) -> str:
        data = self._governance.region(self._region)
        return data.region.name if data else self._region

    async def current(self) -> SurveyRound | None:
        rounds = await self._db.surveys.rounds(self._region)
        return rounds[0] if rounds else None

    def _form(self, now: datetime) -> Reply:
        data = self._governance.region(self._region)
        if data is None or data.survey is None:
            return Reply(TEXTS.no_survey.format(region=self._region_name()))
        local = now.astimezone(self._settings.timezone)
        closes = local.date() + timedelta(days=self._settings.survey_close_days)
        return open_form(data.survey.questions, period_label(local.date()), closes)

    async def _open_by_card(
        self, value: dict[str, Any], identity: Identity, conversation_id: str
    ) -> Reply:
        if not identity.is_office:
            return Reply(TEXTS.office_only)
        data = self._governance.region(self._region)
        if data is None or data.survey is None:
            return Reply(TEXTS.no_survey.format(region=self._region_name()))
        now = datetime.now(self._settings.timezone)
        request = read_open(value, data.survey.questions, now.date())
        if isinstance(request, str):
            return Reply(request)
        return await self.open_round(conversation_id, now, request=request)

    async def open_round(
        self, office_conversation: str, now: datetime, request: OpenRequest | None = None
    ) -> Reply:
        data = self._governance.region(self._region)
        if data is None or data.survey is None:
            return Reply(TEXTS.no_survey.format(region=self._region_name()))
        latest = await self.current()
        if latest is not None and latest.is_open(now):
            return Reply(
                TEXTS.already_open.format(period=latest.period, closes=self.when(latest.closes_at))
            )
        local = now.astimezone(self._settings.timezone)
        days = self._settings.survey_close_days
        if request is not None:
            days = (request.closes - local.date()).days
        opens, closes = round_times(local, days)
        survey = await self._db.surveys.create_round(
            SurveyRound(
                None,
                self._region,
                data.survey.sent_by,
                request.period if request else period_label(local.date()),
                opens,
                closes,
                request.question_keys if request else tuple(q.key for q in data.survey.questions),
            )
        )
        invitations = await self._invitations(survey, local)
        await self._db.surveys.invite(invitations)
        questions = [q for q in data.survey.questions if q.key in survey.question_keys]
        task = asyncio.create_task(self._dispatch(survey, office_conversation, now))
        self._tasks.add(task)  # held until done: a task nobody references may be collected
        task.add_done_callback(self._tasks.discard)
        return survey_cards.opened(survey, questions, len(invitations), self.when)

    async def _invitations(self, survey: SurveyRound, local: datetime) -> list[Invitation]:
        data = self._governance.region(self._region)
        assert data is not None and data.survey is not None and survey.id is not None
        held: dict[int, list[Membership]] = {}
        for group in data.groups:
            for m in await self._db.roster.memberships_of_group(
                self._region, group.key, local.date()
            ):
                if m.person.id is not None:
                    held.setdefault(m.person.id, []).append(m)
        invitations = []
        for person_id, memberships in sorted(held.items()):
            asked = [q for q in data.survey.questions if q.key in survey.question_keys]
            mine = questions_for(asked, memberships, self._governance)
            if mine:
                groups = tuple(sorted({m.group for m in memberships}))
                keys = tuple(q.key for q in mine)
                invitations.append(Invitation(survey.id, person_id, keys, groups))
        return invitations

    async def _dispatch(self, survey: SurveyRound, office_conversation: str, now: datetime) -> None:
        """Reach everyone, then tell the office who could not be reached."""
        try:
            assert survey.id is not None
            invitations = await self._db.surveys.invitations(survey.id)
            like = await self._db.conversations.get(office_conversation)
            missing = await self.sender.send_cards(survey, invitations, like, now)
            report = survey_cards.unreachable(survey, len(invitations), missing)
            await self.sender.tell_office(
                office_conversation, f"survey:{survey.id}:unreachable", report, now
            )
        except Exception:
            log.exception("survey round %s: sending the cards failed", survey.id)

    async def settle(self) -> None:
        """Wait for sending that is under way (tests, and a graceful stop)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def remind(self, now: datetime, *, manual: bool = False) -> Reply:
        survey = await self.current()
        if survey is None or survey.id is None or not survey.is_open(now):
            return Reply(TEXTS.no_open_round.format(region=self._region_name()))
        # The office may remind at any time; at most once a day when it asks by hand.
        name = due_reminder(survey, now) or ""
        if manual:
            name = name or f"extra-{now.astimezone(self._settings.timezone):%Y%m%d}"
        if not name:
            return Reply(TEXTS.reminded.format(count=0))
        waiting = to_remind(await self._db.surveys.invitations(survey.id), name)
        missing = await self.sender.send_cards(survey, waiting, None, now, reminder=name)
        return Reply(TEXTS.reminded.format(count=len(waiting) - len(missing)))

    async def close(self, now: datetime) -> Reply:
        survey = await self.current()
        if survey is None or survey.id is None or not survey.is_open(now):
            return Reply(TEXTS.no_open_round.format(region=self._region_name()))
        await self._db.surveys.close_round(survey.id)
        return Reply(TEXTS.closed.format(period=survey.period))

    async def results(self, now: datetime) -> Reply:
        rounds = await self._db.surveys.rounds(self._region)
        if not rounds or rounds[0].id is None:
            return Reply(TEXTS.no_round.format(region=self._region_name()))
        survey = rounds[0]
        assert survey.id is not None
        invitations = await self._db.surveys.invitations(survey.id)
        if survey.is_open(now):
            # Results while open would show how the count moves as each person answers.
            answered = sum(1 for i in invitations if i.answered)
            return Reply(
                TEXTS.results_wait.format(
                    closes=self.when(survey.closes_at),
                    answered=answered,
                    invited=len(invitations),
                )
            )
        await self._db.surveys.close_round(survey.id)  # past its close: wipe the secret
        previous = rounds[1].id if len(rounds) > 1 else None
        responses = await self._db.surveys.responses(survey.id)
        shown = results(
            survey,
            invitations,
            responses,
            await self._db.surveys.responses(previous) if previous is not None else (),
        )
        comments: dict[str, list[str]] = {}
        for response in responses:
            if response.comment:
                comments.setdefault(response.question_key, []).append(response.comment)
        data = self._governance.region(self._region)
        names = {g.key: g.label for g in data.groups} if data else {}
        questions = self.sender.questions(survey.question_keys, survey.region)
        return survey_cards.results_card(shown, questions, names, comments=comments)


def survey_desk(
    settings: Settings,
    governance: Governance,
    db: Database,
    conversation: Conversation,
    connector: BotConnector,
) -> SurveyDesk:
    """The desk, with its office commands attached to the conversation."""
    desk = SurveyDesk(settings, governance, db, connector, conversation.default_region)
    conversation.add_text_command(desk)
    return desk
