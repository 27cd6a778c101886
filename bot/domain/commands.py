"""The office's commands, recognised by their leading words (not anywhere in the text).

"koppla kanalen till styrgruppen" binds; "koppla loss kanalen" unbinds; "visa kopplingar"
lists. Only the start of the message counts, so a question that happens to contain the
word "koppla" is still a question. The office's tools (announcements, meeting links,
notices, the schedule, pauses, the notice report) follow the same rule; "dagordning" and
"protokoll" are commands only with a link in them, since members ask about both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.names import fold


@dataclass(frozen=True, slots=True)
class BindChannel:
    group_text: str  # the rest of the message: "styrgruppen", "AU i Fyrbodal"


@dataclass(frozen=True, slots=True)
class UnbindChannel:
    pass


@dataclass(frozen=True, slots=True)
class ListBindings:
    pass


@dataclass(frozen=True, slots=True)
class NewAnnouncement:
    pass


@dataclass(frozen=True, slots=True)
class ListAnnouncements:
    pass


class AnnouncementAction(StrEnum):
    REPORT = "rapport"
    EDIT = "andra"
    DELETE = "ta-bort"


@dataclass(frozen=True, slots=True)
class OnAnnouncement:
    action: AnnouncementAction
    number: int | None  # None: the office forgot the number; asked for it


class LinkKind(StrEnum):
    AGENDA = "dagordning"
    MINUTES = "protokoll"


@dataclass(frozen=True, slots=True)
class MeetingLink:
    kind: LinkKind
    group_text: str
    url: str  # as written: links are case-sensitive, so never folded


@dataclass(frozen=True, slots=True)
class SendNotice:
    group_text: str


@dataclass(frozen=True, slots=True)
class ShowSchedule:
    pass


@dataclass(frozen=True, slots=True)
class PauseReminders:
    group_text: str
    paused: bool  # False: resume


@dataclass(frozen=True, slots=True)
class NoticeReport:
    start: date | None = None
    end: date | None = None


ToolCommand = (
    NewAnnouncement
    | ListAnnouncements
    | OnAnnouncement
    | MeetingLink
    | SendNotice
    | ShowSchedule
    | PauseReminders
    | NoticeReport
)
Command = BindChannel | UnbindChannel | ListBindings | ToolCommand

_BIND_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("koppla", "kanalen", "till"),
    ("koppla", "chatten", "till"),
    ("koppla", "gruppchatten", "till"),
    ("koppla", "till"),
    ("bind", "channel", "to"),
)
_UNBIND_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("koppla", "loss"),
    ("koppla", "bort"),
    ("ta", "bort", "kopplingen"),
    ("unbind",),
)
_LIST_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("visa", "kopplingar"),
    ("visa", "kopplingarna"),
    ("lista", "kopplingar"),
    ("kopplingar",),
    ("list", "bindings"),
)


def read_command(text: str) -> Command | None:
    tokens = fold(text).split()
    for prefix in _BIND_PREFIXES:
        if tuple(tokens[: len(prefix)]) == prefix:
            return BindChannel(" ".join(tokens[len(prefix) :]))
    for prefix in _UNBIND_PREFIXES:
        if tuple(tokens[: len(prefix)]) == prefix:
            return UnbindChannel()
    for prefix in _LIST_PREFIXES:
        if tuple(tokens[: len(prefix)]) == prefix and len(tokens) <= len(prefix) + 1:
            return ListBindings()
    return read_tool_command(text)


_NEW_ANNOUNCEMENT = (
    ("ny", "kungorelse"),
    ("nytt", "meddelande"),
    ("new", "announcement"),
)
_LIST_ANNOUNCEMENTS = (
    ("visa", "kungorelser"),
    ("visa", "kungorelserna"),
    ("list", "announcements"),
)
_ON_ANNOUNCEMENT = {
    ("rapport", "kungorelse"): AnnouncementAction.REPORT,
    ("rapport", "for", "kungorelse"): AnnouncementAction.REPORT,
    ("andra", "kungorelse"): AnnouncementAction.EDIT,
    ("andra", "kungorelsen"): AnnouncementAction.EDIT,
    ("ta", "bort", "kungorelse"): AnnouncementAction.DELETE,
    ("ta", "bort", "kungorelsen"): AnnouncementAction.DELETE,
    ("radera", "kungorelse"): AnnouncementAction.DELETE,
}
_LINKS = {("dagordning",): LinkKind.AGENDA, ("protokoll",): LinkKind.MINUTES}
_SEND_NOTICE = (("skicka", "kallelse"), ("skicka", "kallelsen"), ("skicka", "kallelse", "till"))
_SCHEDULE = (("visa", "schema"), ("visa", "schemat"), ("vad", "ar", "schemalagt"))
_PAUSE = (("pausa", "paminnelser"), ("pausa", "paminnelserna"), ("pausa", "utskick"))
_RESUME = (
    ("ateruppta", "paminnelser"),
    ("ateruppta", "paminnelserna"),
    ("ateruppta", "utskick"),
)
_NOTICE_REPORT = (("rapport", "kallelser"), ("rapport", "kallelse"))
_URL = re.compile(r"https?://[^\s\"<>]+", re.IGNORECASE)  # Teams may wrap links in <a>
_TAG = re.compile(r"<[^>]*>")
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _after(tokens: list[str], prefixes: tuple[tuple[str, ...], ...]) -> list[str] | None:
    """The tokens after the longest prefix that starts `tokens`, or None."""
    for prefix in sorted(prefixes, key=len, reverse=True):
        if tuple(tokens[: len(prefix)]) == prefix:
            return tokens[len(prefix) :]
    return None


def _number(rest: list[str]) -> int | None:
    words = [w for w in rest if w not in ("nr", "nummer")]
    return int(words[0]) if words and words[0].isdigit() else None


def _dates(text: str) -> list[date]:
    found = []
    for year, month, day in _DATE.findall(text):
        try:
            found.append(date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return found


def read_tool_command(text: str) -> ToolCommand | None:
    tokens = fold(text).split()
    if _after(tokens, _NEW_ANNOUNCEMENT) is not None:
        return NewAnnouncement()
    rest = _after(tokens, _LIST_ANNOUNCEMENTS)
    if rest is not None and len(rest) <= 1:
        return ListAnnouncements()
    for prefix, action in _ON_ANNOUNCEMENT.items():
        if tuple(tokens[: len(prefix)]) == prefix:
            return OnAnnouncement(action, _number(tokens[len(prefix) :]))
    plain = _TAG.sub(" ", text)
    url = _URL.search(plain)
    for prefix, kind in _LINKS.items():
        if url and tuple(tokens[: len(prefix)]) == prefix:
            # The group is what stands between the command word and the link.
            words = fold(plain[: url.start()]).split()[len(prefix) :]
            return MeetingLink(kind, " ".join(words), url.group(0).rstrip(".,;)"))
    rest = _after(tokens, _SEND_NOTICE)
    if rest is not None:
        return SendNotice(" ".join(rest))
    rest = _after(tokens, _SCHEDULE)
    if rest is not None and len(rest) <= 2:
        return ShowSchedule()
    for prefixes, paused in ((_PAUSE, True), (_RESUME, False)):
        rest = _after(tokens, prefixes)
        if rest is not None:
            return PauseReminders(" ".join(w for w in rest if w not in ("for", "i")), paused)
    if _after(tokens, _NOTICE_REPORT) is not None:
        found = _dates(text)
        if len(found) >= 2:
            return NoticeReport(found[0], found[1])
        return NoticeReport(found[0] if found else None)
    return None
