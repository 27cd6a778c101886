"""Announcements, paused groups, and the outbox helpers they use, on both databases."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.domain.announcements import Announcement, key_prefix, post_key
from bot.domain.outbox import Post, PostState
from bot.store.database import Database


def _announcement(draft: str = "d1") -> Announcement:
    return Announcement(
        id=None,
        draft=draft,
        region="sodra-alvsborg",
        author="kansliet@exempel.invalid",
        title="Ny rutin",
        text="Läs **detta**.",
        link="",
        targets=("styrgrupp", "au"),
        send_at=datetime(2026, 12, 1, 8, tzinfo=UTC),
    )


async def test_add_is_idempotent_by_draft_and_edits_and_deletes(db: Database) -> None:
    first, new = await db.announcements.add(_announcement())
    again, new_again = await db.announcements.add(_announcement())
    assert new and not new_again and first.id == again.id
    assert first.targets == ("styrgrupp", "au") and first.created_at is not None
    assert first.id is not None
    edited = await db.announcements.update(replace(first, title="Ändrad"))
    assert edited is not None and edited.title == "Ändrad"
    other, _ = await db.announcements.add(_announcement("d2"))
    assert [a.id for a in await db.announcements.recent()] == [other.id, first.id]
    assert await db.announcements.mark_deleted(first.id, db.sessions.now())
    assert not await db.announcements.mark_deleted(first.id, db.sessions.now())
    assert [a.id for a in await db.announcements.recent()] == [other.id]
    gone = await db.announcements.get(first.id)
    assert gone is not None and gone.deleted_at is not None
    assert await db.announcements.update(replace(first, title="x")) is None


async def test_pauses(db: Database) -> None:
    assert await db.pauses.paused() == frozenset()
    assert await db.pauses.pause("sodra-alvsborg", "dps", "kansliet")
    assert not await db.pauses.pause("sodra-alvsborg", "dps", "kansliet")
    assert await db.pauses.paused() == {("sodra-alvsborg", "dps")}
    assert await db.pauses.resume("sodra-alvsborg", "dps")
    assert not await db.pauses.resume("sodra-alvsborg", "dps")
    assert await db.pauses.paused() == frozenset()


async def test_outbox_prefix_revise_and_cancel(db: Database) -> None:
    due = db.sessions.now() + timedelta(hours=1)
    for announcement_id, conversation in ((1, "19:a"), (1, "19:b"), (11, "19:a")):
        await db.outbox.enqueue(
            Post(
                key=post_key(announcement_id, conversation),
                region="sodra-alvsborg",
                group="styrgrupp",
                conversation_id=conversation,
                due_at=due,
                kind="announcement",
                activity={"type": "message", "text": "v1"},
            )
        )
    entries = await db.outbox.entries_with_prefix(key_prefix(1))
    assert [e.post.conversation_id for e in entries] == ["19:a", "19:b"]  # not 11's
    later = due + timedelta(days=1)
    assert await db.outbox.revise(post_key(1, "19:a"), {"text": "v2"}, later)
    revised = await db.outbox.get(post_key(1, "19:a"))
    assert revised is not None and revised.post.activity == {"text": "v2"}
    assert revised.post.due_at == later and revised.next_attempt_at == later
    await db.outbox.mark_sent(post_key(1, "19:b"), "act-1", db.sessions.now())
    assert not await db.outbox.revise(post_key(1, "19:b"), {"text": "v2"})
    assert not await db.outbox.cancel(post_key(1, "19:b"))
    assert await db.outbox.cancel(post_key(1, "19:a"))
    cancelled = await db.outbox.get(post_key(1, "19:a"))
    assert cancelled is not None and cancelled.state is PostState.SKIPPED
