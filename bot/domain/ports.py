"""The narrow storage interfaces the rest of the bot depends on.

The SQL implementation lives in `bot.store`; dialogs and the Teams edge see only these
protocols and the domain objects they return, so a second backend (or an in-memory one
for a quick experiment) only has to implement what is written here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
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


@dataclass(frozen=True, slots=True)
class OfficeQuestion:
    """A member's question the bot could not answer, passed on to the region's office."""

    id: int | None  # None until stored
    region: str  # Region.key: whose office answers
    text: str
    asker_name: str
    asker_upn: str
    asker_conversation_id: str  # the answer goes back to the chat the question came from
    asker_person_id: int | None = None
    # Where the office card was posted, so it can be updated in place once answered.
    office_conversation_id: str = ""
    office_activity_id: str = ""
    created_at: datetime | None = None
    answered_at: datetime | None = None
    answer: str = ""
    answered_by: str = ""

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


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

    async def between(self, start: datetime, end: datetime) -> Sequence[Meeting]: ...


class ConversationStore(Protocol):
    async def save(self, conversation: StoredConversation) -> None: ...

    async def get(self, conversation_id: str) -> StoredConversation | None: ...

    async def personal_for(self, aad_object_id: str) -> StoredConversation | None: ...

    async def bind(self, binding: ChannelBinding) -> None: ...

    async def unbind(self, conversation_id: str) -> ChannelBinding | None: ...

    async def bindings(self) -> Sequence[ChannelBinding]: ...

    async def bindings_of_group(self, region: str, group: str) -> Sequence[ChannelBinding]: ...

    async def binding_for(self, conversation_id: str) -> ChannelBinding | None: ...


class QuestionStore(Protocol):
    async def add(
        self, question: OfficeQuestion, *, dedupe_within: timedelta | None = None
    ) -> tuple[OfficeQuestion, bool]:
        """Store a question; (stored, True). With `dedupe_within`, the same text from the
        same conversation asked that recently is not stored again: (earlier one, False)."""
        ...

    async def get(self, question_id: int) -> OfficeQuestion | None: ...

    async def mark_posted(
        self, question_id: int, conversation_id: str, activity_id: str
    ) -> None: ...

    async def answer(
        self, question_id: int, answer: str, answered_by: str, at: datetime | None = None
    ) -> tuple[OfficeQuestion, bool] | None:
        """Answer once: (question, True); already answered: (question as answered, False);
        None for an unknown id."""
        ...

    async def unanswered(self, region: str | None = None) -> Sequence[OfficeQuestion]: ...


class ActivityLog(Protocol):
    async def first_delivery(self, activity_key: str) -> bool:
        """Record an incoming activity; False when the same one was already handled."""
        ...


class GovernanceSource(Protocol):
    def governance(self) -> Governance: ...
