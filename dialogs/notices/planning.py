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
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain import dates
from bot.domain.delivery_rules import DeliveryRules, PostKind
from bot.domain.model import Governance, Group, Meeting, Role
from bot.domain.outbox import OFFICE_ALERT, OutboxStore, Post
from bot.domain.ports import ConversationStore, JobLog, MeetingStore, PauseStore, RosterStore
from bot.domain.schedule import PlannedPost, Target, due_posts, to_post
from dialogs.notices.alerts import DeliveryAlerts
from dialogs.notices.cards import NoticeContext, activity_for, marked_late
from dialogs.office import OfficeDirectory

log = logging.getLogger(__name__)

LOOKAHEAD = timedelta(minutes=5)  # enqueue a little early; the worker sends at due_at
# With no record of an earlier round (a new installation), posts that expired this recently
# are still reported as skipped; older ones are history, not news. After that, the record
# of the last round says what fell due while the bot was down, however long that was.
CATCH_UP = timedelta(days=3)
LATE = timedelta(hours=1)  # a post enqueued this long after it was due is marked late
JOB = "notice_planning"
PAST = timedelta(days=100)  # approvals and "published" come weeks after a meeting
AHEAD = timedelta(days=45)  # notices go out a week or two ahead


@dataclass
class PlanReport:
    considered: int = 0
    enqueued: int = 0
    unaddressed: int = 0  # due, but no conversation to send it to (no bound channel)
    late: list[Post] = field(default_factory=list)  # sent now, marked late
    skipped: list[Post] = field(default_factory=list)  # fell due and expired while down


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
        job_log: JobLog | None = None,
    ) -> None:
        self.rules = rules
        self._job_log = job_log
        self._alerts = DeliveryAlerts(governance, tz)
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
        """One round: enqueue what is due (or about to be); safe to repeat.

        Everything due and not yet expired is enqueued, however late (the outbox's key
        keeps what was sent from going twice): after downtime, or a calendar imported late,
        what is still useful goes out marked late; what expired while the bot was down is
        listed; the office gets one message about both.
        """
        report = PlanReport()
        last = await self._job_log.last_run(JOB) if self._job_log is not None else None
        since = last if last is not None else now - CATCH_UP
        # The office paused these ("pausa påminnelser"); read once, so a round is consistent.
        paused = await self._pauses.paused()
        for meeting in await self._meetings.between(now - PAST, now + AHEAD):
            group = self._governance.group(meeting.region, meeting.group)
            if group is None or (meeting.region, meeting.group) in paused:
                continue
            planned = due_posts(meeting, group, self.rules, self.tz)
            notice_due = next((p.due_at for p in planned if p.kind is PostKind.NOTICE), None)
            for post in planned:
                if post.due_at > now + LOOKAHEAD or post.expires_at <= since:
                    continue  # not yet due, or expired before the last round looked
                if post.expires_at <= now:
                    if post.due_at > since:  # fell due and expired while nobody looked
                        report.skipped.append(to_post(post, meeting, "", {}))
                    continue
                report.considered += 1
                targets = await self._targets(post.target, group, now)
                if not targets:
                    report.unaddressed += 1
                    continue
                late = post.due_at < now - LATE and post.kind is not PostKind.MINUTES_PUBLISHED
                activity = await self._activity(post, meeting, group, now, notice_due)
                if late:
                    activity = marked_late(activity, dates.swedish(post.due_at, self.tz))
                for conversation_id in targets:
                    queued = to_post(post, meeting, conversation_id, activity)
                    if await self._outbox.enqueue(queued):
                        report.enqueued += 1
                        if late:
                            report.late.append(queued)
        await self._tell_office(report, last, now)
        if self._job_log is not None:
            await self._job_log.record_run(JOB, now)
        if report.enqueued:
            log.info(
                "planned %d posts (%d without a conversation)", report.enqueued, report.unaddressed
            )
        return report

    async def _tell_office(self, report: PlanReport, last: datetime | None, now: datetime) -> None:
        """One message per region about what went out late and what was skipped."""
        regions = {p.region for p in (*report.late, *report.skipped)}
        for region in sorted(regions):
            late = [p for p in report.late if p.region == region]
            skipped = [p for p in report.skipped if p.region == region]
            text = self._alerts.caught_up(late, skipped, last, now)
            key = f"{OFFICE_ALERT}:caught-up:{region}:{now.astimezone(UTC):%Y%m%dT%H%M}"
            for office_region, office_group in self._office.groups(region):
                for binding in await self._conversations.bindings_of_group(
                    office_region, office_group
                ):
                    await self._outbox.enqueue(
                        Post(
                            key=f"{key}:{binding.conversation_id}",
                            region=office_region,
                            group=office_group,
                            conversation_id=binding.conversation_id,
                            due_at=now,
                            kind=OFFICE_ALERT,
                            activity={"type": "message", "text": text},
                        )
                    )

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
