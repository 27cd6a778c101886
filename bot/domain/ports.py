"""The narrow storage interfaces the rest of the bot depends on.

The SQL implementation lives in `bot.store`; features (`dialogs`) and the Teams edge see
only these protocols and the domain objects they return, so a second backend (or an
in-memory one for a quick experiment) only has to implement what is written here. The
outbox's interface is in `bot.domain.outbox`, the survey's in `bot.domain.survey_rounds`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from bot.domain.announcements import Announcement
from bot.domain.library import AddedRegion, Library, Pending
from bot.domain.model import Document, Group, Meeting, Membership, Person
from bot.domain.survey_rounds import Answer, Invitation, SurveyRound, Tally


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
        self,
        region: str,
        group: str,
        after: datetime,
        limit: int = 5,
        *,
        with_all_day: bool = False,
    ) -> Sequence[Meeting]:
        """Meetings from `after`, earliest first; all-day events only when asked for."""
        ...

    async def between(self, start: datetime, end: datetime) -> Sequence[Meeting]: ...

    async def get(self, meeting_id: int) -> Meeting | None: ...

    async def latest_before(self, region: str, group: str, before: datetime) -> Meeting | None:
        """The group's most recent meeting that started before `before`."""
        ...

    async def set_agenda_url(self, meeting_id: int, url: str) -> bool: ...

    async def set_minutes_url(self, meeting_id: int, url: str) -> bool: ...


class ConversationStore(Protocol):
    async def save(self, conversation: StoredConversation) -> None: ...

    async def get(self, conversation_id: str) -> StoredConversation | None: ...

    async def personal_for(self, aad_object_id: str) -> StoredConversation | None: ...

    async def bind(self, binding: ChannelBinding) -> None: ...

    async def unbind(self, conversation_id: str) -> ChannelBinding | None: ...

    async def bindings(self) -> Sequence[ChannelBinding]: ...

    async def bindings_of_group(self, region: str, group: str) -> Sequence[ChannelBinding]: ...

    async def binding_for(self, conversation_id: str) -> ChannelBinding | None: ...

    async def latest(self, tenant_id: str = "") -> StoredConversation | None:
        """The newest stored conversation (of `tenant_id`): its service URL and bot id
        open a personal chat with someone who never wrote to the bot."""
        ...


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


class JobLog(Protocol):
    """When each named job last finished a round (shared by every instance)."""

    async def last_run(self, name: str) -> datetime | None: ...

    async def record_run(self, name: str, at: datetime) -> None:
        """Record a finished round; an earlier time never replaces a later one."""
        ...


class StoreUnavailable(Exception):
    """The database cannot be reached just now (down, restarting, saturated). Nothing was
    written; the same call may succeed later. Stores raise it instead of driver errors, so
    the edge can answer "try again" (503) rather than apologise for a lost turn."""


class Delivery(StrEnum):
    """What to do with an incoming activity, given the ones seen before."""

    NEW = "new"  # handle it
    HANDLED = "handled"  # its reply was sent: a redelivery, acknowledge it
    IN_PROGRESS = "in_progress"  # this process is handling it now: acknowledge it
    ELSEWHERE = "elsewhere"  # another instance claimed it moments ago: ask Teams to retry


@dataclass(frozen=True, slots=True)
class QueuedActivity:
    key: str  # the queue's own (what `done` and `failed` take), not the activity's id
    activity: dict[str, Any]  # the activity's JSON, as it came
    attempts: int  # earlier runs that failed


class ActivityQueue(Protocol):
    """Activities answered behind the HTTP answer. A row is written before Teams is told
    the activity arrived, and deleted once its turn has run, so a crash loses none."""

    async def put(self, key: str, activity: dict[str, Any]) -> None:
        """Stored when this returns (one write for every activity arriving meanwhile); a
        second delivery of the same activity stores nothing. StoreUnavailable when the
        database is down."""
        ...

    async def take(self, limit: int, skip: Sequence[str] = ()) -> Sequence[QueuedActivity]:
        """The oldest of this instance's activities (taking over those another instance
        left for longer than a lease), `skip` (keys `take` gave before) aside."""
        ...

    async def done(self, keys: Sequence[str]) -> None:
        """Their turns have run."""
        ...

    async def failed(self, key: str) -> int:
        """Its turn failed; how many times it has now."""
        ...


class ActivityLog(Protocol):
    """Each activity handled once, and never lost: it counts as handled only once its
    reply is sent (`finish`); a turn cut short (a crash, `abandon`) is handled again when
    Teams redelivers it."""

    async def begin(self, activity_key: str) -> Delivery:
        """Claim an incoming activity. Never raises for an unreachable database: the claim
        is then kept in memory and written later."""
        ...

    async def finish(self, activity_key: str) -> None:
        """Its reply is sent: later deliveries are acknowledged, on every instance."""
        ...

    def handled(self, activity_key: str) -> None:
        """As `finish`, the write left to the background (the turn's answer need not wait)."""
        ...

    async def abandon(self, activity_key: str) -> None:
        """The turn ended without its reply: the next delivery is handled again."""
        ...

    async def release_stale(self) -> int:
        """On start: this instance's claims left by a process that died; how many."""
        ...

    async def prune(self, older_than: datetime) -> int:
        """Forget activities seen before `older_than`; how many."""
        ...


class AnnouncementStore(Protocol):
    async def add(self, announcement: Announcement) -> tuple[Announcement, bool]:
        """Store a new announcement; (stored, True), or (the earlier one, False) when the
        same form (its draft id) was sent before."""
        ...

    async def get(self, announcement_id: int) -> Announcement | None: ...

    async def update(self, announcement: Announcement) -> Announcement | None: ...

    async def mark_deleted(self, announcement_id: int, at: datetime) -> bool: ...

    async def recent(self, limit: int = 10) -> Sequence[Announcement]: ...


class PauseStore(Protocol):
    """Groups whose planned posts the office paused ("pausa påminnelser")."""

    async def pause(self, region: str, group: str, by: str) -> bool: ...

    async def resume(self, region: str, group: str) -> bool: ...

    async def paused(self) -> frozenset[tuple[str, str]]: ...


class SurveyStore(Protocol):
    """Survey rounds, who was invited, and the anonymous answers (see `bot.store.surveys`)."""

    async def create_round(self, survey: SurveyRound) -> SurveyRound: ...

    async def get_round(self, round_id: int) -> SurveyRound | None: ...

    async def rounds(self, region: str) -> Sequence[SurveyRound]:
        """The region's rounds, newest first."""
        ...

    async def close_round(self, round_id: int) -> bool: ...

    async def invite(self, invitations: Sequence[Invitation]) -> int: ...

    async def invitation(self, round_id: int, person_id: int) -> Invitation | None: ...

    async def round_and_invitation(
        self, round_id: int, person_id: int | None
    ) -> tuple[SurveyRound | None, Invitation | None]:
        """The round and the person's invitation to it, in one read (a submit's check)."""
        ...

    async def invitations(self, round_id: int) -> Sequence[Invitation]: ...

    async def set_reach(
        self, round_id: int, person_id: int, *, conversation_id: str = "", unreachable: str = ""
    ) -> None: ...

    async def mark_reminded(
        self, round_id: int, person_id: int, reminder: str, at: datetime
    ) -> None: ...

    async def record_answers(
        self, round_id: int, person_id: int, answers: Sequence[Answer], now: datetime
    ) -> bool | None:
        """Count a person's answers and mark them as having answered, in one transaction.
        True when stored; False when they had answered already (answers cannot be changed:
        nothing stored ties them to the person); None when refused (not open, not asked)."""
        ...

    async def tallies(self, round_id: int) -> Sequence[Tally]: ...

    async def comments(self, round_id: int) -> Sequence[tuple[str, str]]:
        """(question key, comment), in no meaningful order."""
        ...

    async def forget_before(self, cutoff: datetime) -> int: ...


class LibraryStore(Protocol):
    """The office's library: imported documents and added regions (`bot.domain.library`)."""

    async def generation(self) -> int:
        """Grows with every change; an instance rebuilds its answers when it has grown."""
        ...

    async def load(self) -> Library: ...

    async def add_region(self, region: AddedRegion, by: str = "") -> None:
        """Raises LibraryConflict when the region exists."""
        ...

    async def import_document(
        self, document: Document, groups: Sequence[Group], by: str = ""
    ) -> None:
        """Raises LibraryConflict (unknown region, a data/ document's key, nothing to replace)."""
        ...

    async def save_pending(self, document: Document, file_name: str, by: str) -> int: ...

    async def pending(self, pending_id: int) -> Pending | None: ...

    async def drop_pending(self, pending_id: int) -> bool: ...


class FileDownload(Protocol):
    """Fetches a file a person sent (Teams gives a short-lived download link)."""

    async def fetch(self, url: str, max_bytes: int) -> bytes:
        """The file's bytes; raises DownloadFailed when it cannot be had."""
        ...


class DownloadFailed(Exception):
    """The file could not be downloaded (link expired, too large, refused)."""
