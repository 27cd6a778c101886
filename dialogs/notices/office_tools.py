"""The office's tools around meetings, in Teams: register an agenda or minutes link, send
the next notice now, see what is scheduled, pause a group's posts, and the notice report.

Each public method is a route handler (see `dialogs.routes`): the turn, and the text after
the command's words. Only the office reaches them; the route table refuses everyone else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain import dates
from bot.domain.delivery_rules import DeliveryRules, PostKind
from bot.domain.model import Governance, Group
from bot.domain.notice_report import DAYS_AHEAD, notice_report, percent, total
from bot.domain.outbox import OutboxStore, PostState
from bot.domain.ports import ConversationStore, MeetingStore, PauseStore
from bot.domain.schedule import PlannedPost, Target, due_posts, to_post
from dialogs import cards
from dialogs.notices.cards import NoticeContext, notice
from dialogs.notices.office_texts import TEXTS as T
from dialogs.notices.planning import LOOKAHEAD as PLANNER_LOOKAHEAD
from dialogs.reply import Reply
from dialogs.routing import Turn

SCHEDULE_DAYS = 14
NOTICE_WINDOW = timedelta(days=45)  # notices are planned at most this far ahead
MAX_ROWS = 40

GroupLocator = Callable[[str, str], Group | None]  # (text, default region) -> group

_LINK = re.compile(r"https?://[^\s\"<>]+", re.IGNORECASE)  # Teams may wrap links in <a>
_TAG = re.compile(r"<[^>]*>")
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


class NoticeTools:
    def __init__(
        self,
        governance: Governance,
        locate_group: GroupLocator,
        conversations: ConversationStore,
        meetings: MeetingStore,
        outbox: OutboxStore,
        pauses: PauseStore,
        rules: DeliveryRules,
        tz: ZoneInfo,
        calendar_url: Callable[[Group], str] = lambda group: "",
    ) -> None:
        self.governance = governance
        self.locate_group = locate_group
        self.conversations = conversations
        self.meetings = meetings
        self.outbox = outbox
        self.pauses = pauses
        self.rules = rules
        self.tz = tz
        self.calendar_url = calendar_url

    # -- the routes --------------------------------------------------------------------------

    async def agenda(self, turn: Turn, rest: str) -> Reply:
        return await self._link_command(turn, rest, agenda=True)

    async def minutes(self, turn: Turn, rest: str) -> Reply:
        return await self._link_command(turn, rest, agenda=False)

    async def send_notice(self, turn: Turn, rest: str) -> Reply:
        group = self.locate_group(_without(rest, "till"), turn.region)
        if group is None:
            return Reply(T.needs_group.format(group=rest, example="skicka kallelse"))
        return await self._notice_now(group, turn.now)

    async def schedule(self, turn: Turn, rest: str = "") -> Reply:
        return await self._schedule(turn.now)

    async def pause(self, turn: Turn, rest: str) -> Reply:
        return await self._pause_command(turn, rest, paused=True)

    async def resume(self, turn: Turn, rest: str) -> Reply:
        return await self._pause_command(turn, rest, paused=False)

    async def report(self, turn: Turn, rest: str) -> Reply:
        found = _dates(rest)
        start = found[0] if found else None
        end = found[1] if len(found) >= 2 else None
        return await self._notice_report(start, end, turn.now)

    async def _link_command(self, turn: Turn, rest: str, *, agenda: bool) -> Reply:
        plain = _TAG.sub(" ", rest)
        link = _LINK.search(plain)
        example = "dagordning" if agenda else "protokoll"
        if link is None:  # the route table only sends texts with a link here
            return Reply(T.needs_group.format(group=rest, example=example))
        # The group is what stands between the command word and the link.
        group_text = plain[: link.start()].strip()
        group = self.locate_group(group_text, turn.region)
        if group is None:
            return Reply(T.needs_group.format(group=group_text, example=example))
        return await self._link(agenda, group, link.group(0).rstrip(".,;)"), turn.now)

    async def _pause_command(self, turn: Turn, rest: str, *, paused: bool) -> Reply:
        group = self.locate_group(_without(rest, "for", "för", "i"), turn.region)
        if group is None:
            verb = "pausa påminnelser" if paused else "återuppta påminnelser"
            return Reply(T.needs_group.format(group=rest, example=verb))
        return await self._pause(group, paused, turn.by)

    async def _link(self, agenda: bool, group: Group, url: str, now: datetime) -> Reply:
        if agenda:
            upcoming = await self.meetings.upcoming(group.region, group.key, now, limit=1)
            meeting = upcoming[0] if upcoming else None
            if meeting is None or meeting.id is None:
                return Reply(T.no_next_meeting.format(group=group.name))
            await self.meetings.set_agenda_url(meeting.id, url)
            template = T.link_saved_agenda
        else:
            meeting = await self.meetings.latest_before(group.region, group.key, now)
            if meeting is None or meeting.id is None:
                return Reply(T.no_past_meeting.format(group=group.name))
            await self.meetings.set_minutes_url(meeting.id, url)
            template = T.link_saved_minutes
        when = dates.swedish(meeting.start, self.tz, with_year=True)
        return Reply(template.format(group=group.name, when=when, url=url))

    async def _notice_now(self, group: Group, now: datetime) -> Reply:
        upcoming = await self.meetings.upcoming(group.region, group.key, now, limit=1)
        if not upcoming:
            return Reply(T.no_meeting.format(group=group.name))
        meeting = upcoming[0]
        bindings = await self.conversations.bindings_of_group(group.region, group.key)
        if not bindings:
            return Reply(T.notice_no_channel.format(group=group.name))
        planned = due_posts(meeting, group, self.rules, self.tz)
        # The planner's own notice, sent now: the same outbox key, so it goes out once.
        notice_post = next(
            (p for p in planned if p.kind is PostKind.NOTICE),
            PlannedPost(PostKind.NOTICE, Target.GROUP, now, meeting.start),
        )
        notice_post = replace(notice_post, due_at=now)
        ctx = NoticeContext(self.governance, group, self.tz, self.calendar_url(group))
        activity = notice(ctx, meeting)
        queued = 0
        for binding in bindings:
            post = to_post(notice_post, meeting, binding.conversation_id, activity)
            if await self.outbox.enqueue(post):
                queued += 1
                continue
            stored = await self.outbox.get(post.key)
            later = stored is not None and stored.post.due_at > post.due_at
            if later and await self.outbox.revise(post.key, activity, post.due_at):
                queued += 1  # the planner queued it for later: now instead
        when = dates.swedish(meeting.start, self.tz)
        template = T.notice_queued if queued else T.notice_already
        return Reply(template.format(group=group.name, when=when, count=queued))

    async def _schedule(self, now: datetime) -> Reply:
        until = now + timedelta(days=SCHEDULE_DAYS)
        queued: list[tuple[datetime, str]] = []
        for entry in await self.outbox.list(PostState.PENDING, limit=2000):
            queued_post = entry.post
            if queued_post.due_at <= until:
                channel = await self._channel(queued_post.conversation_id)
                row = self._row(queued_post.kind, queued_post.region, queued_post.group, channel)
                queued.append((queued_post.due_at, row))
        paused = await self.pauses.paused()
        planned: list[tuple[datetime, str]] = []
        for meeting in await self.meetings.between(now, until + NOTICE_WINDOW):
            group = self.governance.group(meeting.region, meeting.group)
            if group is None or (group.region, group.key) in paused:
                continue
            for post in due_posts(meeting, group, self.rules, self.tz):
                if now + PLANNER_LOOKAHEAD < post.due_at <= until:
                    row = self._row(post.kind.value, group.region, group.key, post.target.value)
                    planned.append((post.due_at, row))
        sections = [
            cards.ListSection(heading, tuple(self._timed(rows)))
            for heading, rows in ((T.schedule_queued, queued), (T.schedule_planned, planned))
            if rows
        ]
        if not sections:
            return Reply(T.schedule_none.format(days=SCHEDULE_DAYS))
        names = [g.name for g in self._paused_groups(paused)]
        footer = T.paused_note.format(groups=", ".join(names)) if names else ""
        content = cards.list_card(T.schedule_title.format(days=SCHEDULE_DAYS), sections, footer)
        return Reply(cards.card_fallback_text(content), card=content)

    def _timed(self, rows: list[tuple[datetime, str]]) -> list[tuple[str, str]]:
        ordered = sorted(rows, key=lambda row: row[0])[:MAX_ROWS]
        return [(dates.swedish(at, self.tz), text) for at, text in ordered]

    def _row(self, kind: str, region: str, group_key: str, channel: str) -> str:
        group = self.governance.group(region, group_key)
        kind_name = dict(T.kind_names).get(kind, kind)
        return T.schedule_row.format(
            kind=kind_name, group=group.name if group else group_key, channel=channel
        )

    def _paused_groups(self, paused: frozenset[tuple[str, str]]) -> list[Group]:
        found = (self.governance.group(region, key) for region, key in sorted(paused))
        return [g for g in found if g is not None]

    async def _channel(self, conversation_id: str) -> str:
        binding = await self.conversations.binding_for(conversation_id)
        if binding is not None:
            return binding.channel_name or conversation_id
        return T.personal_chat

    async def _pause(self, group: Group, paused: bool, by: str) -> Reply:
        if paused:
            new = await self.pauses.pause(group.region, group.key, by)
            template = T.paused if new else T.already_paused
        else:
            was = await self.pauses.resume(group.region, group.key)
            template = T.resumed if was else T.not_paused
        return Reply(template.format(group=group.name, short=group.short_name or group.name))

    async def _notice_report(self, start: date | None, end: date | None, now: datetime) -> Reply:
        today = now.astimezone(self.tz).date()
        start = start or date(today.year, 1, 1)
        end = end or today
        if end < start:
            return Reply(T.bad_period.format(start=start, end=end))
        found = await self.meetings.between(
            datetime.combine(start, time(0), tzinfo=self.tz),
            datetime.combine(end + timedelta(days=1), time(0), tzinfo=self.tz),
        )
        meetings = [m for m in found if m.start <= now and self._noticed(m.region, m.group)]
        sent_at: dict[int, datetime | None] = {}
        for meeting in meetings:
            if meeting.id is not None:
                times = await self.outbox.delivered_at(meeting.id, PostKind.NOTICE.value)
                sent = [t for t in times.values() if t is not None]
                sent_at[meeting.id] = min(sent) if sent else None  # first channel reached
        rows = notice_report(meetings, sent_at, self.tz)
        if not rows:
            return Reply(T.notice_report_none.format(start=start, end=end))
        lines = []
        for row in [*rows, total(rows)]:
            group = self.governance.group(row.region, row.group)
            label = group.name if group else (row.group or T.notice_report_total)
            lines.append(
                (
                    label,
                    T.notice_report_row.format(
                        share=percent(row.share),
                        in_time=row.in_time,
                        meetings=row.meetings,
                        late=row.late,
                        missing=row.not_sent,
                    ),
                )
            )
        intro = T.notice_report_intro.format(days=DAYS_AHEAD)
        title = T.notice_report_title.format(start=start, end=end)
        content = cards.list_card(title, [cards.ListSection(intro, tuple(lines))])
        return Reply(cards.card_fallback_text(content), card=content)

    def _noticed(self, region: str, key: str) -> bool:
        """Only groups the bot sends notices for count (as `python -m bot report kallelser`)."""
        group = self.governance.group(region, key)
        return group is not None and self.rules.for_group(group).notice_days_before is not None


def _without(text: str, *words: str) -> str:
    """The text without leading filler words ("för AU", "till styrgruppen")."""
    parts = text.split()
    while parts and parts[0].lower() in words:
        parts = parts[1:]
    return " ".join(parts)


def _dates(text: str) -> list[date]:
    found = []
    for year, month, day in _DATE.findall(text):
        try:
            found.append(date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return found
