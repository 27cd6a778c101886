"""Help, generated from the route table: it lists what each person may do, always.

Members see what they can ask (examples in their language) and the commands open to
everyone; the office also sees every office command with what it does. A command added to
`dialogs.routes` with a `usage` shows up here by itself.
"""

from __future__ import annotations

from bot.domain.questions import Language
from dialogs import cards
from dialogs.reply import Reply
from dialogs.routing import Audience, Router, Turn
from dialogs.texts import texts_for


class HelpBuilder:
    def __init__(self, router: Router) -> None:
        self._router = router

    async def show(self, turn: Turn, rest: str = "") -> Reply:
        return self.reply(Language.SV, is_office=turn.is_office)

    def reply(self, language: Language, *, is_office: bool) -> Reply:
        texts = texts_for(language)
        member_commands = [
            (c.summary, c.usage)
            for c in self._router.commands
            if c.audience is Audience.EVERYONE and c.usage
        ]
        office_commands = [
            (c.summary, c.usage)
            for c in self._router.commands
            if c.audience is Audience.OFFICE and c.usage and is_office
        ]
        content = cards.help_card(
            texts.help_title,
            texts.help_intro,
            [*texts.help_items, *member_commands],
            office_commands,
            office_heading=texts.help_office_heading if office_commands else "",
        )
        return Reply(cards.card_fallback_text(content), card=content)

    def office_commands(self) -> list[tuple[str, str]]:
        """(usage, summary) of every office command, for the Teams manifest's lists."""
        return [
            (c.usage, c.summary)
            for c in self._router.commands
            if c.audience is Audience.OFFICE and c.usage
        ]
