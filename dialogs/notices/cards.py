"""The bot's own posts about a meeting, as Bot Framework activities with an Adaptive Card.

One builder per `PostKind`, and `activity_for` to pick it from a `PlannedPost`. Everything
the card shows comes from the meeting, the governance data and the caller (the names of
the approvers, the calendar feed's URL): nothing is looked up here, so the outbox worker
can build an activity when it plans a post and send it later unchanged.

Links are both buttons (Action.OpenUrl) and plain URLs in the message text, because the
text is what a client without cards, and the Teams notification, shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain import dates
from bot.domain.citations import cite
from bot.domain.delivery_rules import PostKind
from bot.domain.model import Governance, Group, Meeting, Rule
from bot.domain.questions import Language
from bot.domain.schedule import STOCKHOLM, PlannedPost
from dialogs import cards
from dialogs.notices.texts_sv import NoticeTexts

Activity = dict[str, Any]


def notice_texts(language: Language = Language.SV) -> NoticeTexts:
    if language is Language.EN:
        from dialogs.notices.texts_en import TEXTS as english

        return english
    from dialogs.notices.texts_sv import TEXTS as swedish

    return swedish


@dataclass(frozen=True)
class NoticeContext:
    """What every post about one group's meeting needs besides the meeting itself."""

    governance: Governance
    group: Group
    tz: ZoneInfo = STOCKHOLM
    calendar_url: str = ""  # the group's feed: bot.calendar_feed.calendar_path + the public host
    language: Language = Language.SV

    @property
    def texts(self) -> NoticeTexts:
        return notice_texts(self.language)

    @property
    def region_name(self) -> str:
        data = self.governance.region(self.group.region)
        return data.region.name if data else self.group.region

    @property
    def office_name(self) -> str:
        data = self.governance.region(self.group.region)
        name = data.region.office_name if data else ""
        return name or ("the office" if self.language is Language.EN else "kansliet")

    def when(self, meeting: Meeting) -> str:
        english = self.language is Language.EN
        return dates.time_range(meeting.start, meeting.end, self.tz, english_text=english)

    def at(self, moment: datetime) -> str:
        if self.language is Language.EN:
            return dates.english(moment, self.tz)
        return dates.swedish(moment, self.tz)


def _open_url(title: str, url: str) -> dict[str, Any]:
    return {"type": "Action.OpenUrl", "title": title, "url": url}


def _activity(
    title: str,
    lines: Sequence[str],
    facts: Sequence[tuple[str, str]] = (),
    links: Sequence[tuple[str, str]] = (),  # (button title, url); empty urls are left out
    footer: str = "",
) -> Activity:
    links = [(t, u) for t, u in links if u]
    body = [cards.text_block(title, weight="Bolder", size="Medium")]
    body += [cards.text_block(line) for line in lines if line]
    if facts:
        body.append(cards.fact_set(facts))
    if footer:
        body.append(cards.text_block(footer, subtle=True, size="Small"))
    content = cards.card(body, [_open_url(t, u) for t, u in links])
    text = [title, *(line for line in lines if line), *(f"{t}: {v}" for t, v in facts)]
    text += [f"{t}: {u}" for t, u in links]
    if footer:
        text.append(footer)
    return {
        "type": "message",
        "text": "\n\n".join(text),
        "attachments": [{"contentType": cards.CARD_CONTENT_TYPE, "content": content}],
    }


def marked_late(activity: Activity, due: str, texts: NoticeTexts | None = None) -> Activity:
    """The same post with a note on top that it is late: in the text and as the card's
    first element (the card is data: an element is added, nothing is edited as text)."""
    note = (texts or notice_texts()).late_note.format(due=due)
    marked = dict(activity)
    marked["text"] = f"{note}\n\n{activity.get('text', '')}".strip()
    attachments = []
    for attachment in activity.get("attachments") or []:
        content = dict(attachment.get("content") or {})
        body = [
            {**cards.text_block(note, weight="Bolder"), "color": "Warning"},
            *content.get("body", []),
        ]
        attachments.append({**attachment, "content": {**content, "body": body}})
    if attachments:
        marked["attachments"] = attachments
    return marked


def notice(ctx: NoticeContext, meeting: Meeting) -> Activity:
    """Kallelse: time, place, Teams link, agenda link and the group's calendar feed."""
    t, group = ctx.texts, ctx.group
    facts = [(t.time_label, ctx.when(meeting))]
    if meeting.location:
        facts.append((t.place_label, meeting.location))
    if not meeting.agenda_url:
        facts.append((t.agenda_label, t.agenda_later))
    subtitle = meeting.title if meeting.title and meeting.title != group.name else ""
    return _activity(
        t.notice_title.format(group=group.label),
        [subtitle, t.notice_intro.format(group=group.name, region=ctx.region_name)],
        facts,
        [
            (t.open_teams, meeting.teams_url),
            (t.open_agenda, meeting.agenda_url),
            (t.open_calendar, ctx.calendar_url),
        ],
    )


def reminder(ctx: NoticeContext, meeting: Meeting) -> Activity:
    t = ctx.texts
    facts = [(t.place_label, meeting.location)] if meeting.location else []
    return _activity(
        t.reminder_title.format(group=ctx.group.label),
        [t.reminder_text.format(when=ctx.when(meeting))],
        facts,
        [(t.open_teams, meeting.teams_url), (t.open_agenda, meeting.agenda_url)],
    )


def agenda_missing(
    ctx: NoticeContext, meeting: Meeting, notice_due: datetime | None = None
) -> Activity:
    """To the office: no agenda link yet, and when the notice that should carry it goes out."""
    t = ctx.texts
    text = t.agenda_missing_text.format(
        group=ctx.group.name, region=ctx.region_name, when=ctx.when(meeting)
    )
    after = t.agenda_missing_notice.format(notice=ctx.at(notice_due)) if notice_due else ""
    return _activity(t.agenda_missing_title.format(group=ctx.group.label), [text, after])


def minutes_request(ctx: NoticeContext, meeting: Meeting) -> Activity:
    t = ctx.texts
    return _activity(
        t.minutes_request_title.format(group=ctx.group.label),
        [t.minutes_request_text.format(when=ctx.when(meeting))],
    )


def approval(
    ctx: NoticeContext,
    meeting: Meeting,
    deadline: date,
    approvers: Sequence[str] = (),
    draft_url: str = "",
) -> Activity:
    """'Protokoll för justering': the deadline and who approves."""
    t = ctx.texts
    facts = [(t.deadline_label, t.day(deadline))]
    if approvers:
        facts.append((t.approvers_label, t.names(list(approvers))))
    return _activity(
        t.approval_title.format(group=ctx.group.label),
        [t.approval_text.format(when=ctx.when(meeting))],
        facts,
        [(t.open_minutes, draft_url)],
    )


def approval_reminder(
    ctx: NoticeContext, meeting: Meeting, deadline: date, draft_url: str = ""
) -> Activity:
    t = ctx.texts
    text = t.approval_reminder_text.format(when=ctx.when(meeting), deadline=t.day(deadline))
    return _activity(
        t.approval_reminder_title.format(group=ctx.group.label),
        [text],
        links=[(t.open_minutes, draft_url)],
    )


def published(ctx: NoticeContext, meeting: Meeting) -> Activity:
    t = ctx.texts
    return _activity(
        t.published_title.format(group=ctx.group.label),
        [t.published_text.format(when=ctx.when(meeting))],
        links=[(t.open_minutes, meeting.minutes_url)],
    )


def chair_reminder(ctx: NoticeContext, meeting: Meeting, rule: Rule) -> Activity:
    """To the chair of a commissioned or local group: send the notes, quoting the rule."""
    t = ctx.texts
    return _activity(
        t.chair_title.format(group=ctx.group.label),
        [
            t.chair_text.format(when=ctx.when(meeting), office=ctx.office_name),
            f"{t.rule_intro} ”{rule.text}”",
        ],
        footer=t.source.format(source=cite(ctx.governance, rule.source)),
    )


def activity_for(
    post: PlannedPost,
    meeting: Meeting,
    ctx: NoticeContext,
    *,
    chair_rule: Rule | None = None,
    approvers: Sequence[str] = (),
    draft_url: str = "",
    notice_due: datetime | None = None,
) -> Activity:
    """The activity for a planned post. `chair_rule` is `GroupRules.chair_rule` (required
    for a chair reminder); `approvers` are the names the worker found in the roster."""
    kind = post.kind
    if kind is PostKind.NOTICE:
        return notice(ctx, meeting)
    if kind is PostKind.REMINDER:
        return reminder(ctx, meeting)
    if kind is PostKind.AGENDA_MISSING:
        return agenda_missing(ctx, meeting, notice_due)
    if kind is PostKind.MINUTES_REQUEST:
        return minutes_request(ctx, meeting)
    if kind in (PostKind.APPROVAL, PostKind.APPROVAL_REMINDER):
        if post.deadline is None:
            raise ValueError("an approval post carries its deadline (schedule.due_posts)")
        deadline = post.deadline
        if kind is PostKind.APPROVAL:
            return approval(ctx, meeting, deadline, approvers, draft_url)
        return approval_reminder(ctx, meeting, deadline, draft_url)
    if kind is PostKind.MINUTES_PUBLISHED:
        return published(ctx, meeting)
    if chair_rule is None:
        raise ValueError("a chair reminder quotes the group's rule: pass chair_rule")
    return chair_reminder(ctx, meeting, chair_rule)
