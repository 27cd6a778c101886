"""What the office wrote to its groups: an announcement, and the keys of its posts.

An announcement's deliveries are outbox posts keyed "announcement:<id>:<conversation>"
(see `post_key`), so it is posted once per channel however often it is enqueued, and can be
edited or withdrawn from those same entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

ALL_GROUPS = "*"
KIND = "announcement"


def key_prefix(announcement_id: int) -> str:
    return f"{KIND}:{announcement_id}:"


def post_key(announcement_id: int, conversation_id: str) -> str:
    return f"{key_prefix(announcement_id)}{conversation_id}"


@dataclass(frozen=True, slots=True)
class Announcement:
    id: int | None
    draft: str
    region: str
    author: str
    title: str
    text: str  # Markdown, as Teams' TextBlock shows it
    link: str
    targets: tuple[str, ...]  # group keys in `region`; (ALL_GROUPS,) for every group
    send_at: datetime  # aware
    created_at: datetime | None = None
    deleted_at: datetime | None = None
