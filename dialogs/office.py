"""Where the office is: its groups, its bound channels and its people's personal chats.

Alerts, forwarded questions, the survey's reports and the secretary's reminders all go to
"the office" of a region. It is found one way, here: a channel bound to the region's office
group (`kansli` kind), then the default region's office (Skaraborg's plan names no office of
its own); for forwarded questions with no such channel, each office user's 1:1 chat.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.model import Governance, GroupKind
from bot.domain.ports import (
    ChannelBinding,
    ConversationKind,
    ConversationStore,
    RosterStore,
    StoredConversation,
)


class OfficeDirectory:
    def __init__(
        self,
        governance: Governance,
        conversations: ConversationStore,
        roster: RosterStore,
        office_users: frozenset[str],
        default_region: str,
    ) -> None:
        self._governance = governance
        self._conversations = conversations
        self._roster = roster
        self._office_users = office_users
        self._default_region = default_region

    def groups(self, region: str) -> Sequence[tuple[str, str]]:
        """(region, group key) of the office groups to tell: the region's, then the
        default region's."""
        found: list[tuple[str, str]] = []
        for key in dict.fromkeys([region, self._default_region]):
            data = self._governance.region(key)
            groups = data.groups if data else ()
            found += [(key, g.key) for g in groups if g.kind is GroupKind.OFFICE]
        return found

    async def channels(self, region: str) -> list[ChannelBinding]:
        """The bound office channels for `region`, its own first."""
        found: list[ChannelBinding] = []
        for office_region, group in self.groups(region):
            found += await self._conversations.bindings_of_group(office_region, group)
        return list({b.conversation_id: b for b in found}.values())

    async def chats(self) -> list[StoredConversation]:
        """The office users' personal chats with the bot, for those who have one."""
        chats: dict[str, StoredConversation] = {}
        for user in sorted(self._office_users):
            aad: str | None = user
            if "@" in user:  # an e-mail: the roster knows the AAD id once they have written
                person = await self._roster.person_by_email(user)
                aad = person.aad_object_id if person else None
            chat = await self._conversations.personal_for(aad) if aad else None
            if chat is not None and chat.kind is ConversationKind.PERSONAL:
                chats[chat.conversation_id] = chat
        return list(chats.values())

    def name(self, region: str, fallback: str) -> str:
        """The region's own name for its office ("Närvårdskontoret"); Skaraborg names none."""
        data = self._governance.region(region)
        return (data.region.office_name if data else "") or fallback
