"""The office's announcements: write, preview, send, report, edit and delete.

Sending stores the announcement and enqueues one outbox post per bound channel of its
groups, keyed "announcement:<id>:<conversation>", so the delivery worker posts it at its
time, paced, once. Editing and deleting work from those same outbox entries: a post already
in Teams is changed or removed there by its activity id (`PostedActivities`), one that has
not gone out gets the new text or is called off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.domain import dates
from bot.domain.announcements import ALL_GROUPS, KIND, Announcement, key_prefix, post_key
from bot.domain.ids import row_id
from bot.domain.model import Governance, Group
from bot.domain.outbox import OPEN_STATES, OutboxStore, Post, PostState
from bot.domain.ports import AnnouncementStore, ConversationStore
from dialogs import cards
from dialogs.announcements import cards as forms
from dialogs.announcements.texts import TEXTS as T
from dialogs.reply import Reply
from dialogs.routing import Turn


class PostedActivities(Protocol):
    """Changing what the bot already posted in Teams; False when Teams refused."""

    async def update(
        self, conversation_id: str, activity_id: str, activity: dict[str, Any]
    ) -> bool: ...

    async def delete(self, conversation_id: str, activity_id: str) -> bool: ...


class AnnouncementDesk:
    def __init__(
        self,
        governance: Governance,
        conversations: ConversationStore,
        outbox: OutboxStore,
        store: AnnouncementStore,
        posted: PostedActivities,
        tz: ZoneInfo,
    ) -> None:
        self._governance = governance
        self._conversations = conversations
        self._outbox = outbox
        self._store = store
        self._posted = posted
        self._tz = tz

    # -- the routes --------------------------------------------------------------------------

    async def new(self, turn: Turn, rest: str = "") -> Reply:
        return self.new_form(turn.region)

    async def listing(self, turn: Turn, rest: str = "") -> Reply:
        return await self.recent()

    async def report_command(self, turn: Turn, rest: str) -> Reply:
        number = _number(rest)
        if number is None:
            return Reply(T.needs_number.format(example="rapport kungörelse"))
        return await self.report(number)

    async def edit_command(self, turn: Turn, rest: str) -> Reply:
        number = _number(rest)
        if number is None:
            return Reply(T.needs_number.format(example="ändra kungörelse"))
        return await self.edit_form(number, turn.region)

    async def delete_command(self, turn: Turn, rest: str) -> Reply:
        number = _number(rest)
        if number is None:
            return Reply(T.needs_number.format(example="ta bort kungörelse"))
        return await self.delete(number, turn.now)

    async def submit(self, turn: Turn) -> Reply:
        """A press on the form's buttons (office only: the route table checks)."""
        return await self.on_submit(dict(turn.value), region=turn.region, by=turn.by, now=turn.now)

    # -- the form ----------------------------------------------------------------------------

    def new_form(self, region: str) -> Reply:
        return _card(forms.form(T, forms.new_draft(), self._groups(region)))

    async def edit_form(self, number: int, region: str) -> Reply:
        found = await self._find(number)
        if isinstance(found, Reply):
            return found
        return _card(forms.form(T, forms.draft_of(found, self._tz), self._groups(found.region)))

    async def on_submit(
        self, value: dict[str, Any], *, region: str, by: str, now: datetime
    ) -> Reply:
        action = value.get("action")
        if action == forms.REPORT:
            draft = forms.read_draft(value)
            return await self.report(draft.announcement_id or 0)
        draft = forms.read_draft(value)
        if draft.announcement_id is not None:
            stored = await self._store.get(draft.announcement_id)
            region = stored.region if stored else region
        groups = self._groups(region)
        if action == forms.CHANGE:
            return _card(forms.form(T, draft, groups))
        found, send_at = forms.problems(T, draft, groups, self._tz, now)
        if found:
            return Reply(T.form_problems.format(problems="\n".join(f"- {p}" for p in found)))
        if action == forms.PREVIEW:
            return _card(forms.preview(T, draft, self._office(region)))
        targets = tuple(k for k in draft.target_keys if k in {g.key for g in groups} | {ALL_GROUPS})
        announcement = Announcement(
            id=draft.announcement_id,
            draft=draft.draft,
            region=region,
            author=by,
            title=draft.title,
            text=draft.text,
            link=draft.link,
            targets=(ALL_GROUPS,) if ALL_GROUPS in targets else targets,
            send_at=send_at or now,
        )
        if announcement.id is not None:
            return await self._edit(announcement)
        stored, new = await self._store.add(announcement)
        assert stored.id is not None
        if not new:
            return Reply(T.already_sent.format(number=stored.id))
        places = await self._enqueue(stored)
        if not places:
            return Reply(T.sent_none.format(number=stored.id, title=stored.title))
        when = T.now if send_at is None else dates.swedish(stored.send_at, self._tz)
        names = ", ".join(dict.fromkeys(g.name for g, _ in places))
        text = T.sent.format(
            number=stored.id, title=stored.title, when=when, count=len(places), groups=names
        )
        return _card(forms.confirmation(T, text, stored.id))

    # -- after sending -----------------------------------------------------------------------

    async def recent(self) -> Reply:
        recent = await self._store.recent()
        if not recent:
            return Reply(T.list_none)
        rows = tuple(
            (
                f"{a.id}",
                T.list_row.format(
                    title=a.title, when=dates.swedish(a.send_at, self._tz), author=a.author
                ),
            )
            for a in recent
        )
        section = cards.ListSection(T.list_title, rows)
        return _card(cards.list_card(T.list_title, [section], T.list_footer))

    async def report(self, number: int) -> Reply:
        found = await self._find(number)
        if isinstance(found, Reply):
            return found
        assert found.id is not None
        entries = await self._outbox.entries_with_prefix(key_prefix(found.id))
        if not entries:
            return Reply(T.report_none)
        rows, counts = [], {"sent": 0, "waiting": 0, "failed": 0}
        for entry in entries:
            state, error = entry.state, entry.last_error[:120]
            if state is PostState.SENT and entry.sent_at:
                counts["sent"] += 1
                shown = T.state_sent.format(when=dates.swedish(entry.sent_at, self._tz))
            elif state in (PostState.PENDING, PostState.CLAIMED):
                counts["waiting"] += 1
                shown = T.state_waiting.format(when=dates.swedish(entry.post.due_at, self._tz))
            elif state is PostState.WAITING:
                counts["waiting"] += 1
                shown = T.state_gone.format(error=error)
            elif state is PostState.SKIPPED:
                shown = T.state_cancelled
            else:
                counts["failed"] += 1
                shown = T.state_failed.format(error=error)
            rows.append((await self._channel_name(entry.post.conversation_id), shown))
        summary = T.report_summary.format(**counts)
        title = T.report_title.format(number=found.id, title=found.title)
        section = cards.ListSection(summary, tuple(rows))
        return _card(cards.list_card(title, [section]))

    async def delete(self, number: int, now: datetime) -> Reply:
        found = await self._find(number)
        if isinstance(found, Reply):
            return found
        assert found.id is not None
        await self._store.mark_deleted(found.id, now.astimezone(UTC))
        removed = cancelled = failed = 0
        for entry in await self._outbox.entries_with_prefix(key_prefix(found.id)):
            if await self._outbox.cancel(entry.post.key):
                cancelled += 1
            elif entry.state is PostState.SENT and entry.activity_id:
                ok = await self._posted.delete(entry.post.conversation_id, entry.activity_id)
                removed, failed = removed + ok, failed + (not ok)
        tail = T.delete_failed.format(count=failed) if failed else ""
        return Reply(
            T.deleted.format(number=found.id, removed=removed, cancelled=cancelled, failed=tail)
        )

    async def _edit(self, announcement: Announcement) -> Reply:
        assert announcement.id is not None
        stored = await self._store.get(announcement.id)
        if stored is None or stored.deleted_at is not None:
            return Reply(T.is_deleted.format(number=announcement.id))
        updated = await self._store.update(replace(announcement, author=stored.author))
        if updated is None:
            return Reply(T.is_deleted.format(number=announcement.id))
        activity = self._activity(updated)
        wanted = {conversation for _, conversation in await self._places(updated)}
        changed = pending = failed = 0
        for entry in await self._outbox.entries_with_prefix(key_prefix(updated.id or 0)):
            key, conversation = entry.post.key, entry.post.conversation_id
            if conversation not in wanted:  # a group taken off the announcement
                if not await self._outbox.cancel(key) and entry.activity_id:
                    await self._posted.delete(conversation, entry.activity_id)
            elif await self._outbox.revise(key, activity, updated.send_at.astimezone(UTC)):
                pending += 1
            elif entry.state is PostState.SENT and entry.activity_id:
                ok = await self._posted.update(conversation, entry.activity_id, activity)
                changed, failed = changed + ok, failed + (not ok)
            elif entry.state in OPEN_STATES:
                failed += 1  # being sent right now, with the old text
        pending += len(await self._enqueue(updated))  # groups added to it
        tail = T.update_failed.format(count=failed) if failed else ""
        text = T.updated.format(number=updated.id, changed=changed, pending=pending, failed=tail)
        return _card(forms.confirmation(T, text, updated.id or 0))

    # -- helpers -----------------------------------------------------------------------------

    async def _find(self, number: int) -> Announcement | Reply:
        found = await self._store.get(number)
        if found is None:
            return Reply(T.unknown.format(number=number))
        if found.deleted_at is not None:
            return Reply(T.is_deleted.format(number=number))
        return found

    async def _places(self, announcement: Announcement) -> list[tuple[Group, str]]:
        """(group, conversation) for each bound channel of the groups, each channel once."""
        wanted = set(announcement.targets)
        places: dict[str, Group] = {}
        for group in self._groups(announcement.region):
            if ALL_GROUPS in wanted or group.key in wanted:
                for binding in await self._conversations.bindings_of_group(group.region, group.key):
                    places.setdefault(binding.conversation_id, group)
        return [(group, conversation) for conversation, group in places.items()]

    async def _enqueue(self, announcement: Announcement) -> list[tuple[Group, str]]:
        """Enqueue the announcement where it is not yet; the places that are new."""
        assert announcement.id is not None
        activity = self._activity(announcement)
        added = []
        for group, conversation in await self._places(announcement):
            post = Post(
                key=post_key(announcement.id, conversation),
                region=group.region,
                group=group.key,
                conversation_id=conversation,
                due_at=announcement.send_at.astimezone(UTC),
                kind=KIND,
                activity=activity,
            )
            if await self._outbox.enqueue(post):
                added.append((group, conversation))
        return added

    def _activity(self, a: Announcement) -> dict[str, Any]:
        return forms.member_activity(T, a.title, a.text, a.link, self._office(a.region))

    def _groups(self, region: str) -> Sequence[Group]:
        data = self._governance.region(region)
        return data.groups if data else ()

    def _office(self, region: str) -> str:
        data = self._governance.region(region)
        return (data.region.office_name if data else "") or "kansliet"

    async def _channel_name(self, conversation_id: str) -> str:
        binding = await self._conversations.binding_for(conversation_id)
        if binding and binding.channel_name:
            return binding.channel_name
        stored = await self._conversations.get(conversation_id)
        return (stored.channel_name if stored else "") or conversation_id


def _card(content: cards.Card) -> Reply:
    return Reply(cards.card_fallback_text(content), card=content)


def _number(rest: str) -> int | None:
    """The announcement number in "rapport kungörelse 3", "… nr 3", "… nummer 3"."""
    words = [w for w in rest.replace("#", " ").split() if w.lower() not in ("nr", "nummer")]
    return row_id(words[0]) if words else None
