"""The announcement form, its preview and the card members see; reading the form back.

The form's submits come back as `{"action": …, "draft": …, "announcement_id": …}` plus the
inputs (`title`, `text`, `link`, `targets`, `send_date`, `send_time`), which is what Teams
sends for an Action.Submit. The preview's buttons carry the same fields in their data, since
a card without inputs has nothing else to send: "Skicka" sends, "Ändra" reopens the form.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.announcements import ALL_GROUPS, Announcement
from bot.domain.ids import row_id
from bot.domain.model import Group
from dialogs import cards
from dialogs.actions import ActionName
from dialogs.announcements.texts import AnnouncementTexts

PREVIEW = ActionName.ANNOUNCEMENT_PREVIEW
SEND = ActionName.ANNOUNCEMENT_SEND
CHANGE = ActionName.ANNOUNCEMENT_CHANGE
REPORT = ActionName.ANNOUNCEMENT_REPORT
FIELDS = ("title", "text", "link", "targets", "send_date", "send_time")
MAX_TITLE = 200
MAX_TEXT = 8000  # Teams' message limit (~28 KB) leaves room for the card around it


@dataclass(frozen=True, slots=True)
class Draft:
    """The form as filled in: strings, exactly what the inputs hold."""

    draft: str
    announcement_id: int | None
    title: str = ""
    text: str = ""
    link: str = ""
    targets: str = ""  # the multi-select's comma-separated values
    send_date: str = ""  # YYYY-MM-DD
    send_time: str = ""  # HH:MM

    def data(self, action: str) -> dict[str, Any]:
        values: dict[str, Any] = {"action": action, "draft": self.draft}
        if self.announcement_id is not None:
            values["announcement_id"] = self.announcement_id
        return values

    def everything(self, action: str) -> dict[str, Any]:
        return {**self.data(action), **{name: getattr(self, name) for name in FIELDS}}

    @property
    def target_keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.strip() for t in self.targets.split(",") if t.strip()))


def new_draft() -> Draft:
    return Draft(draft=uuid.uuid4().hex, announcement_id=None)


def draft_of(announcement: Announcement, tz: ZoneInfo) -> Draft:
    local = announcement.send_at.astimezone(tz)
    assert announcement.id is not None
    return Draft(
        draft=announcement.draft,
        announcement_id=announcement.id,
        title=announcement.title,
        text=announcement.text,
        link=announcement.link,
        targets=",".join(announcement.targets),
        send_date=local.date().isoformat(),
        send_time=local.strftime("%H:%M"),
    )


def read_draft(value: dict[str, Any]) -> Draft:
    announcement_id = row_id(value.get("announcement_id"))
    strings = {name: str(value.get(name) or "").strip() for name in FIELDS}
    strings["title"] = strings["title"][:MAX_TITLE]
    strings["text"] = str(value.get("text") or "").strip()[:MAX_TEXT]
    draft = str(value.get("draft") or "").strip()[:64] or uuid.uuid4().hex
    return Draft(draft=draft, announcement_id=announcement_id, **strings)


def problems(
    t: AnnouncementTexts, draft: Draft, groups: Sequence[Group], tz: ZoneInfo, now: datetime
) -> tuple[list[str], datetime | None]:
    """What is wrong with the form, and when to send (None: now)."""
    found: list[str] = []
    if not draft.title:
        found.append(t.title_missing)
    if not draft.text:
        found.append(t.text_missing)
    if draft.link and not draft.link.lower().startswith(("https://", "http://")):
        found.append(t.bad_link)
    known = {g.key for g in groups} | {ALL_GROUPS}
    if not [k for k in draft.target_keys if k in known]:
        found.append(t.targets_missing)
    send_at: datetime | None = None
    if draft.send_date or draft.send_time:
        try:
            day = date.fromisoformat(draft.send_date) if draft.send_date else now.date()
            clock = time.fromisoformat(draft.send_time) if draft.send_time else time(8, 0)
            send_at = datetime.combine(day, clock.replace(second=0), tzinfo=tz)
        except ValueError:
            found.append(t.bad_when)
        else:
            if send_at < now.astimezone(tz).replace(second=0, microsecond=0):
                found.append(t.in_past)
    return found, send_at


def form(t: AnnouncementTexts, draft: Draft, groups: Sequence[Group]) -> cards.Card:
    """The form: title, Markdown text, link, groups, date and time; preview and send."""
    title = (
        t.form_edit_title.format(number=draft.announcement_id)
        if draft.announcement_id is not None
        else t.form_title
    )
    choices = [{"title": t.all_groups, "value": ALL_GROUPS}]
    choices += [{"title": g.label, "value": g.key} for g in groups]
    body: list[cards.Element] = [
        cards.text_block(title, weight="Bolder", size="Medium"),
        _input("title", t.title_label, draft.title, required=t.title_missing, max_length=200),
        _input("text", t.text_label, draft.text, required=t.text_missing, multiline=True),
        {**_input("link", t.link_label, draft.link), "style": "Url"},
        {
            "type": "Input.ChoiceSet",
            "id": "targets",
            "label": t.targets_label,
            "isMultiSelect": True,
            "style": "expanded" if len(choices) <= 8 else "compact",
            "choices": choices,
            "value": draft.targets,
            "isRequired": True,
            "errorMessage": t.targets_missing,
        },
        cards.text_block(t.when_label, size="Small"),
        {
            "type": "ColumnSet",
            "columns": [
                _column({"type": "Input.Date", "id": "send_date", "value": draft.send_date}),
                _column({"type": "Input.Time", "id": "send_time", "value": draft.send_time}),
            ],
        },
    ]
    actions = [
        cards.submit(t.preview_button, draft.data(PREVIEW)),
        cards.submit(t.send_button, draft.data(SEND)),
    ]
    return cards.card(body, actions)


def _input(
    name: str,
    label: str,
    value: str,
    *,
    required: str = "",
    multiline: bool = False,
    max_length: int | None = None,
) -> cards.Element:
    element: cards.Element = {"type": "Input.Text", "id": name, "label": label, "value": value}
    if required:
        element.update(isRequired=True, errorMessage=required)
    if multiline:
        element["isMultiline"] = True
    if max_length:
        element["maxLength"] = max_length
    return element


def _column(item: cards.Element) -> cards.Element:
    return {"type": "Column", "width": "stretch", "items": [item]}


def member_body(t: AnnouncementTexts, title: str, text: str, office: str) -> list[cards.Element]:
    return [
        cards.text_block(title, weight="Bolder", size="Medium"),
        cards.text_block(text),
        cards.text_block(t.from_office.format(office=office), subtle=True, size="Small"),
    ]


def member_activity(
    t: AnnouncementTexts, title: str, text: str, link: str, office: str
) -> dict[str, Any]:
    """The announcement as members see it in their channel: a card, and text for the
    notification and clients without cards."""
    actions = [{"type": "Action.OpenUrl", "title": t.read_more, "url": link}] if link else []
    content = cards.card(member_body(t, title, text, office), actions)
    plain = [title, text, *([f"{t.read_more}: {link}"] if link else [])]
    return {
        "type": "message",
        "text": "\n\n".join(plain),
        "summary": title[:120],
        "attachments": [{"contentType": cards.CARD_CONTENT_TYPE, "content": content}],
    }


def preview(t: AnnouncementTexts, draft: Draft, office: str) -> cards.Card:
    body = [
        cards.text_block(t.preview_intro, subtle=True),
        {
            "type": "Container",
            "style": "emphasis",
            "items": member_body(t, draft.title, draft.text, office),
        },
    ]
    if draft.link:
        body.append(cards.text_block(f"[{t.read_more}]({draft.link})"))
    actions = [
        cards.submit(t.send_button, draft.everything(SEND)),
        cards.submit(t.change_button, draft.everything(CHANGE)),
    ]
    return cards.card(body, actions)


def confirmation(t: AnnouncementTexts, text: str, announcement_id: int) -> cards.Card:
    data = {"action": REPORT, "announcement_id": announcement_id}
    return cards.card([cards.text_block(text)], [cards.submit(t.report_button, data)])
