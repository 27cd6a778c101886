"""The planner: turns the meeting calendar and the delivery rules into outbox posts.

Every round it looks at the meetings around now, asks `bot.domain.schedule.due_posts` what
each one needs, and puts into the outbox what is due (or about to be), addressed to the
conversations each target resolves to. The outbox's idempotency key (post, meeting,
conversation) makes the rounds safe to repeat and to run on several instances; the
delivery worker does the sending. A post's card is built when it is due, so an agenda
link registered the day before still makes it into the notice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.delivery_rules import DeliveryRules, PostKind
from bot.domain.model import Governance, Group, Meeting, Role
from bot.domain.outbox import OutboxStore
from bot.domain.ports import ConversationStore, MeetingStore, PauseStore, RosterStore
from bot.domain.schedule import PlannedPost, Target, due_posts, to_post
from dialogs.notices.cards import NoticeContext, activity_for
from dialogs.office import OfficeDirectory

log = logging.getLogger(__name__)

LOOKAHEAD = timedelta(minutes=5)  # enqueue a little early; the worker sends at due_at
# After downtime, posts that expired this recently are still enqueued, so the worker
# reports them to the office as skipped; older ones are history, not news.
CATCH_UP = timedelta(days=3)
PAST = timedelta(days=100)  # approvals and "published" come weeks after a meeting
AHEAD = timedelta(days=45)  # notices go out a week or two ahead


@dataclass
class PlanReport:
    considered: int = 0
    enqueued: int = 0
    unaddressed: int = 0  # due, but no conversation to send it to (no bound channel)


class Planner:
    def __init__(
        self,
        governance: Governance,
        rules: DeliveryRules,
        meetings: MeetingStore,
        conversations: ConversationStore,
        roster: RosterStore,
        outbox: OutboxStore,
        pauses: PauseStore,
        office: OfficeDirectory,
        tz: ZoneInfo,
        calendar_url: Callable[[Group], str] = lambda group: "",
    ) -> None:
        self.rules = rules
        self.tz = tz
        self._governance = governance
        self._meetings = meetings
        self._conversations = conversations
        self._roster = roster
        self._outbox = outbox
        self._pauses = pauses
        self._office = office
        self._calendar_url = calendar_url

    async def round(self, now: datetime) -> float | None:
        """The "notice_planning" job's round."""
        await self.plan(now)
        return None

    async def plan(self, now: datetime) -> PlanReport:
        """One round: enqueue what is due (or about to be); safe to repeat."""
        report = PlanReport()
        # The office paused these ("pausa påminnelser"); read once, so a round is consistent.
        paused = await self._pauses.paused()
        for meeting in await self._meetings.between(now - PAST, now + AHEAD):
            group = self._governance.group(meeting.region, meeting.group)
            if group is None or (meeting.region, meeting.group) in paused:
                continue
            planned = due_posts(meeting, group, self.rules, self.tz)
            notice_due = next((p.due_at for p in planned if p.kind is PostKind.NOTICE), None)
            for post in planned:
                if not now - CATCH_UP <= post.due_at <= now + LOOKAHEAD:
                    continue
                if post.expires_at <= now - CATCH_UP:
                    continue
                report.considered += 1
                targets = await self._targets(post.target, group, now)
                if not targets:
                    report.unaddressed += 1
                    continue
                activity = await self._activity(post, meeting, group, now, notice_due)
                for conversation_id in targets:
                    if await self._outbox.enqueue(
                        to_post(post, meeting, conversation_id, activity)
                    ):
                        report.enqueued += 1
        if report.enqueued:
            log.info(
                "planned %d posts (%d without a conversation)", report.enqueued, report.unaddressed
            )
        return report

    async def _activity(
        self,
        post: PlannedPost,
        meeting: Meeting,
        group: Group,
        now: datetime,
        notice_due: datetime | None,
    ) -> dict[str, object]:
        ctx = NoticeContext(self._governance, group, self.tz, self._calendar_url(group))
        rules = self.rules.for_group(group)
        approvers: list[str] = []
        if post.kind in (PostKind.APPROVAL, PostKind.APPROVAL_REMINDER) and rules.approval:
            members = await self._roster.memberships_of_group(
                group.region, group.key, now.astimezone(self.tz).date()
            )
            approvers = [m.person.name for m in members if m.role in rules.approval.approvers]
        return activity_for(
            post,
            meeting,
            ctx,
            chair_rule=rules.chair_rule,
            approvers=approvers,
            draft_url=meeting.minutes_url,
            notice_due=notice_due,
        )

    async def _targets(self, target: Target, group: Group, now: datetime) -> list[str]:
        """The conversations a target means: bound channels, or people's personal chats."""
        if target is Target.GROUP:
            return await self._channels([(group.region, group.key)])
        if target is Target.OFFICE:
            return await self._channels(self._office.groups(group.region))
        approval = self.rules.for_group(group).approval
        roles = {
            Target.SECRETARY: {Role.SECRETARY},
            Target.CHAIR: {Role.CHAIR},
            Target.APPROVERS: set(approval.approvers) if approval else {Role.CHAIR},
        }[target]
        members = await self._roster.memberships_of_group(
            group.region, group.key, now.astimezone(self.tz).date()
        )
        chats: list[str] = []
        for membership in members:
            aad = membership.person.aad_object_id
            if membership.role in roles and aad:
                personal = await self._conversations.personal_for(aad)
                if personal is not None:
                    chats.append(personal.conversation_id)
        if chats:
            return list(dict.fromkeys(chats))
        # Nobody reachable in person: the secretary's tasks fall to the office, the
        # chair's and approvers' to the group's channel, where they are members.
        if target is Target.SECRETARY:
            return await self._channels(self._office.groups(group.region))
        return await self._channels([(group.region, group.key)])

    async def _channels(self, groups: Sequence[tuple[str, str]]) -> list[str]:
        found: list[str] = []
        for region, key in groups:
            found += [
                b.conversation_id for b in await self._conversations.bindings_of_group(region, key)
            ]
        return list(dict.fromkeys(found))
