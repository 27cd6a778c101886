"""The outbox: posts the bot has promised to make, and the interface that stores them.

Rules elsewhere decide *what* is due *when* and produce `Post` values; the outbox keeps them
until they are delivered. A post's `key` makes enqueueing idempotent, so a rule may run
again (after a restart, on every instance) without anything being posted twice.

A post moves through `PostState`:

    pending ─claim─▶ claimed ─▶ sent
       ▲                │ ├──▶ pending (retry later)   ├──▶ dead (gave up; office told)
       └─release────────┘ └──▶ waiting_for_binding (403/404; resent after rebinding)
    pending / waiting ─expires_at passed─▶ skipped (office told)

Pure: no database or HTTP here.
"""

from __future__ import annotations

import bisect
import hashlib
import random
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol


class PostState(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    DEAD = "dead"  # failed for good: retries ran out or Teams refused the activity
    SKIPPED = "skipped"  # expired before it could be delivered
    WAITING = "waiting_for_binding"  # the conversation is gone (403/404) until rebound


# States a post can still leave by being delivered.
OPEN_STATES = frozenset({PostState.PENDING, PostState.CLAIMED, PostState.WAITING})

OFFICE_ALERT = "office_alert"


@dataclass(frozen=True, slots=True)
class Post:
    """One activity to post into one conversation, not before `due_at`."""

    key: str  # idempotency key, e.g. "notice:<meeting uid>:<conversation id>"
    region: str
    group: str
    conversation_id: str
    due_at: datetime  # timezone-aware
    kind: str  # "notice", "reminder", "minutes_approval", "announcement", "office_alert", …
    activity: dict[str, Any]  # the Bot Framework activity JSON
    meeting_id: int | None = None
    expires_at: datetime | None = None  # no longer useful after this: skipped and reported

    def __post_init__(self) -> None:
        for name in ("due_at", "expires_at"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"Post.{name} must be timezone-aware, got {value!r}")
        if not self.key or len(self.key) > KEY_MAX:
            raise ValueError(f"Post.key must be 1–{KEY_MAX} characters, got {self.key!r}")

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now


KEY_MAX = 1000  # a prefix, a meeting uid (≤255) and a channel thread id (≤512)


@dataclass(frozen=True, slots=True)
class ClaimedPost:
    """A post a worker holds until `lease_until`; `attempts` counts failed tries so far."""

    post: Post
    attempts: int
    lease_until: datetime


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """A stored post and where it stands, for the office's overview."""

    post: Post
    state: PostState
    attempts: int = 0
    next_attempt_at: datetime | None = None
    claimed_by: str = ""
    lease_until: datetime | None = None
    activity_id: str = ""
    sent_at: datetime | None = None
    last_error: str = ""
    updated_at: datetime | None = None


class OutboxStore(Protocol):
    async def enqueue(self, post: Post) -> bool:
        """Store `post`; False (and nothing changed) when its key is already stored."""
        ...

    async def claim_due(
        self, now: datetime, worker_id: str, lease: timedelta, limit: int
    ) -> Sequence[ClaimedPost]:
        """Claim up to `limit` due posts (oldest first) until `now + lease`.

        A post is due when pending with its next attempt at or before `now`, or claimed by
        a worker whose lease has run out (it died). Within one conversation a post is only
        claimed when every earlier open post there is claimable too, so posts to one
        conversation leave in order even with several workers.
        """
        ...

    async def extend_lease(self, worker_id: str, until: datetime) -> int:
        """Keep a working worker's claims; returns how many posts it holds."""
        ...

    async def release(self, keys: Sequence[str], worker_id: str) -> None:
        """Give claimed posts back unattempted (a graceful stop, or to keep order)."""
        ...

    async def release_claims_of(self, worker_id: str) -> int:
        """On start: a crashed process's claims (same worker id) are pending again at once,
        instead of waiting out the lease; how many."""
        ...

    async def prune_finished(self, before: datetime) -> int:
        """Forget posts sent, skipped or dead before `before`; how many."""
        ...

    async def mark_sent(self, key: str, activity_id: str, at: datetime) -> None: ...

    async def mark_retry(self, key: str, at: datetime, error: str, *, counts: bool = True) -> None:
        """Back to pending, next attempt at `at`; `counts=False` for throttling (429),
        which says nothing about the post and must never use up its tries."""
        ...

    async def mark_dead(self, key: str, error: str) -> None: ...

    async def mark_waiting(self, key: str, reason: str) -> None: ...

    async def release_waiting_for(self, conversation_id: str, now: datetime) -> int:
        """After rebinding: the conversation's waiting posts become pending; how many."""
        ...

    async def waiting_conversations(self) -> Mapping[str, datetime]:
        """Conversations with waiting posts, and since when the newest of them waits."""
        ...

    async def skip_expired(self, now: datetime) -> Sequence[Post]:
        """Mark undelivered posts past their `expires_at` skipped; return them."""
        ...

    async def delivered_at(self, meeting_id: int, kind: str) -> Mapping[str, datetime | None]:
        """Per conversation, when the meeting's post of `kind` was sent (None: not yet)."""
        ...

    async def get(self, key: str) -> OutboxEntry | None: ...

    async def list(
        self,
        state: PostState | None = None,
        region: str | None = None,
        conversation_id: str | None = None,
        limit: int = 200,
    ) -> Sequence[OutboxEntry]:
        """Posts for the office, newest due first."""
        ...

    async def entries_with_prefix(self, prefix: str) -> Sequence[OutboxEntry]:
        """Every post whose key starts with `prefix` (an announcement's), oldest first."""
        ...

    async def revise(
        self, key: str, activity: dict[str, Any], due_at: datetime | None = None
    ) -> bool:
        """New content (and time) for a post not yet sent; False when it is past that."""
        ...

    async def cancel(self, key: str) -> bool:
        """Skip a post that has not gone out; False when it has."""
        ...


def retry_delay(attempts: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds before try number `attempts + 1`: exponential, with jitter.

    The jitter spreads retries of many posts that failed together (a Teams outage) so they
    do not all come back in the same second.
    """
    ceiling = min(cap, base * 2 ** max(attempts - 1, 0))
    return (rng or random).uniform(ceiling / 2, ceiling)


def digest(parts: Sequence[str]) -> str:
    """A short stable name for a set of keys, for alert keys that must be sent once."""
    return hashlib.blake2b("\n".join(sorted(parts)).encode(), digest_size=8).hexdigest()


# Teams' documented limits for a bot posting to one conversation: (messages, seconds).
TEAMS_CONVERSATION_LIMITS: tuple[tuple[int, float], ...] = (
    (7, 1.0),
    (8, 2.0),
    (60, 30.0),
    (1800, 3600.0),
)


class SlidingLimit:
    """At most `limit` events per `seconds` per key, for each (limit, seconds) given.

    A bucket of `limit` tokens where each token comes back one window after it was spent.
    Teams counts over sliding windows; a classic bucket that refills continuously would let
    a full bucket plus a second's refill through in one second, twice the limit. `margin`
    lengthens every window a little, so network jitter between our clock and Teams' does
    not turn the last allowed message into a 429.
    """

    def __init__(self, windows: Sequence[tuple[int, float]], margin: float = 0.0) -> None:
        if not windows or any(limit < 1 or seconds <= 0 for limit, seconds in windows):
            raise ValueError(f"limits must be (count ≥ 1, seconds > 0), got {windows!r}")
        self._windows = tuple(windows)
        self._margin = margin
        self._keep = max(limit for limit, _ in windows)
        self._horizon = max(seconds for _, seconds in windows) + margin
        self._events: dict[str, deque[float]] = {}

    def wait(self, key: str, now: float) -> float:
        """Seconds until an event for `key` is allowed (0.0: now)."""
        events = self._events.get(key)
        if not events:
            return 0.0
        while events and events[0] <= now - self._horizon:
            events.popleft()
        wait = 0.0
        for limit, seconds in self._windows:
            if len(events) >= limit:
                wait = max(wait, events[-limit] + seconds + self._margin - now)
        return wait

    def record(self, key: str, now: float) -> None:
        events = self._events.get(key)
        if events is None:
            events = self._events[key] = deque(maxlen=self._keep)
        events.append(now)

    def move(self, key: str, recorded: float, now: float) -> None:
        """Re-date an event recorded when its request left to when the answer came back.

        Teams counted it somewhere in between; counting from the later time means the
        window never reopens early, however the network delayed the request, which also
        keeps several instances that share a limit within it.
        """
        events = self._events.get(key)
        if not events or now <= recorded:
            return
        try:
            events.remove(recorded)
        except ValueError:
            return  # already out of every window
        bisect.insort(events, now)
