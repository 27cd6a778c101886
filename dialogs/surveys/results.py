"""The office's *enkätresultat*: the latest round's results, never while it is open, never
broken down for fewer than five, comments without names."""

from __future__ import annotations

from datetime import datetime

from bot.domain.model import Governance
from bot.domain.ports import SurveyStore
from bot.domain.survey_rounds import K_MIN, results
from dialogs.reply import Reply
from dialogs.routing import Turn
from dialogs.surveys import cards as survey_cards
from dialogs.surveys.desk import SurveyDesk
from dialogs.surveys.texts import TEXTS


class SurveyResults:
    def __init__(self, governance: Governance, surveys: SurveyStore, desk: SurveyDesk) -> None:
        self._governance = governance
        self._surveys = surveys
        self._desk = desk

    async def show(self, turn: Turn, rest: str = "") -> Reply:
        return await self.results(turn.now)

    async def results(self, now: datetime) -> Reply:
        region = self._desk.region
        rounds = await self._surveys.rounds(region)
        if not rounds or rounds[0].id is None:
            data = self._governance.region(region)
            return Reply(TEXTS.no_round.format(region=data.region.name if data else region))
        survey = rounds[0]
        assert survey.id is not None
        invitations = await self._surveys.invitations(survey.id)
        if survey.is_open(now):
            # Results while open would show how the count moves as each person answers.
            answered = sum(1 for i in invitations if i.answered)
            return Reply(
                TEXTS.results_wait.format(
                    closes=self._desk.when(survey.closes_at),
                    answered=answered,
                    invited=len(invitations),
                )
            )
        await self._surveys.close_round(survey.id)  # past its close: say so from now on
        previous = rounds[1].id if len(rounds) > 1 else None
        shown = results(
            survey,
            invitations,
            await self._surveys.tallies(survey.id),
            await self._surveys.tallies(previous) if previous is not None else (),
        )
        comments: dict[str, list[str]] = {}
        if shown.answered >= K_MIN:  # a lone comment in a tiny round is as good as signed
            for key, comment in await self._surveys.comments(survey.id):
                comments.setdefault(key, []).append(comment)
        data = self._governance.region(region)
        names = {g.key: g.label for g in data.groups} if data else {}
        questions = self._desk.sender.questions(survey.question_keys, survey.region)
        return survey_cards.results_card(shown, questions, names, comments=comments)
