"""The narrow storage interfaces the rest of the bot depends on.

The SQL implementation lives in `bot.store`; dialogs and the Teams edge see only these
protocols and the domain objects they return, so a second backend (or an in-memory one
for a quick experiment) only has to implement what is written here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol

from bot.domain.model import Governance, Meeting, Membership, Person


class ConversationKind(StrEnum):
    PERSONAL = "personal"
    GROUP_CHAT = "groupChat"
    CHANNEL = "channel"


@dataclass(frozen=True, slots=True)
class StoredConversation:
    """A Teams conversation the bot can write to later (a proactive message target)."""

    conversation_id: str
    kind: ConversationKind
    service_url: str
    tenant_id: str
    reference: dict[str, Any]  # the Bot Framework ConversationReference, serialised
    team_id: str = ""
    channel_name: str = ""
    user_aad_object_id: str = ""  # for personal chats: whose chat it is
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ChannelBinding:
    conversation_id: str
    region: str
    group: str
    bound_by: str  # who bound it (name or UPN)
    channel_name: str = ""
    bound_at: datetime | None = None


class RosterStore(Protocol):
    async def person_by_aad(self, aad_object_id: str) -> Person | None: ...

    async def person_by_email(self, email: str) -> Person | None: ...

    async def link_aad(self, person_id: int, aad_object_id: str) -> None: ...

    async def memberships_of_group(
        self, region: str, group: str, on: date
    ) -> Sequence[Membership]: ...

    async def memberships_of_person(self, person_id: int, on: date) -> Sequence[Membership]: ...

    async def people(self) -> Sequence[Person]: ...


class MeetingStore(Protocol):
    async def upcoming(
        self, region: str, group: str, after: datetime, limit: int = 5
    ) -> Sequence[Meeting]: ...


class ConversationStore(Protocol):
    async def save(self, conversation: StoredConversation) -> None: ...

    async def get(self, conversation_id: str) -> StoredConversation | None: ...

    async def personal_for(self, aad_object_id: str) -> StoredConversation | None: ...

    async def bind(self, binding: ChannelBinding) -> None: ...

    async def unbind(self, conversation_id: str) -> ChannelBinding | None: ...

    async def bindings(self) -> Sequence[ChannelBinding]: ...

    async def binding_for(self, conversation_id: str) -> ChannelBinding | None: ...


class ActivityLog(Protocol):
    async def first_delivery(self, activity_key: str) -> bool:
        """Record an incoming activity; False when the same one was already handled."""
        ...


class GovernanceSource(Protocol):
    def governance(self) -> Governance: ...
