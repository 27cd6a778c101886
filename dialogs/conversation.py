"""One member's message in, one reply out: the bot's logic, shared by Teams and the terminal.

The Teams handler and `python -m bot chat` both build an `Incoming` and call
`Conversation.reply`; neither knows how a question is understood or answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.domain.commands import read_command
from bot.domain.model import Governance, Person
from bot.domain.names import match_region
from bot.domain.ports import ConversationKind, ConversationStore, MeetingStore, RosterStore
from bot.domain.questions import Language
from bot.domain.reader import QuestionReader
from dialogs.answers import Answers
from dialogs.office import OfficeCommands
from dialogs.office_tools import OfficeTools
from dialogs.reply import Reply
from dialogs.texts import texts_for


@dataclass(frozen=True, slots=True)
class Incoming:
    text: str
    conversation_id: str
    kind: ConversationKind
    asker: Person | None  # the roster person, when the bot knows who wrote
    asker_name: str  # as Teams shows it, for "bound by"
    is_office: bool
    channel_name: str = ""


class TextCommand(Protocol):
    """Commands another module recognises by their leading words (e.g. the survey's)."""

    async def reply_to(self, incoming: Incoming, now: datetime) -> Reply | None:
        """A reply when the text is this module's command, else None."""
        ...


class Conversation:
    def __init__(
        self,
        governance: Governance,
        roster: RosterStore,
        conversations: ConversationStore,
        meetings: MeetingStore,
        default_region: str,
        tz: ZoneInfo,
    ) -> None:
        region = match_region(governance, default_region)
        if region is None:
            names = ", ".join(d.region.name for d in governance.regions)
            raise ValueError(
                f"BOT_DEFAULT_REGION={default_region!r} är ingen region i data/ (finns: {names})"
            )
        self.default_region = region.key
        self._roster = roster
        self.reader = QuestionReader(governance)
        self._answers = Answers(governance, roster, meetings, tz)
        self._office = OfficeCommands(governance, self.reader, conversations)
        self._text_commands: list[TextCommand] = []

    def add_text_command(self, command: TextCommand) -> None:
        self._text_commands.append(command)

    def attach_office_tools(self, tools: OfficeTools) -> None:
        """The office's Teams-only tools (announcements, links, schedule) for its commands."""
        self._office.attach(tools)

    async def reply(self, incoming: Incoming, *, now: datetime) -> Reply:
        for text_command in self._text_commands:
            if (answer := await text_command.reply_to(incoming, now)) is not None:
                return answer
        today = now.date()
        region = await self.region_of(incoming.asker, today)
        command = read_command(incoming.text)
        if command is not None:
            texts = texts_for(Language.SV)
            if not incoming.is_office:
                return Reply(texts.office_only)
            return await self._office.run(
                command,
                texts,
                conversation_id=incoming.conversation_id,
                kind=incoming.kind,
                channel_name=incoming.channel_name,
                region=region,
                by=incoming.asker_name,
            )
        question = self.reader.read(incoming.text, region, await self._roster.people())
        return await self._answers.answer(
            question, now=now, asker=incoming.asker, is_office=incoming.is_office
        )

    def greeting(self, kind: ConversationKind) -> str:
        texts = texts_for(Language.SV)
        return texts.greeting_personal if kind is ConversationKind.PERSONAL else texts.greeting_team

    async def region_of(self, asker: Person | None, today: date) -> str:
        """The asker's region from the roster, else BOT_DEFAULT_REGION."""
        if asker is None or asker.id is None:
            return self.default_region
        memberships = await self._roster.memberships_of_person(asker.id, today)
        return memberships[0].region if memberships else self.default_region
