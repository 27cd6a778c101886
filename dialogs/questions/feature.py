"""The question route: read a member's question and answer it, citing the source."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.domain.model import Governance
from bot.domain.ports import MeetingStore, RosterStore
from bot.domain.reader import QuestionReader
from dialogs.help import HelpBuilder
from dialogs.questions.answers import Answers
from dialogs.reply import Reply
from dialogs.routing import Turn


class Questions:
    def __init__(
        self,
        governance: Governance,
        roster: RosterStore,
        meetings: MeetingStore,
        tz: ZoneInfo,
        help_builder: HelpBuilder,
    ) -> None:
        self._roster = roster
        self.reader = QuestionReader(governance)
        self._answers = Answers(governance, roster, meetings, tz, help_builder)

    async def answer(self, turn: Turn) -> Reply:
        question = self.reader.read(turn.text, turn.region, await self._roster.people())
        return await self._answers.answer(
            question, now=turn.now, asker=turn.person, is_office=turn.is_office
        )
