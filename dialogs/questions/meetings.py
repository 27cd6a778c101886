"""Answers about meetings: a group's next meeting, the asker's meetings, how often."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain import dates
from bot.domain.citations import cite
from bot.domain.model import Governance, Group, Meeting, Person
from bot.domain.ports import MeetingStore, RosterStore
from bot.domain.questions import Language
from dialogs import cards
from dialogs.reply import Reply
from dialogs.texts import Texts


class MeetingAnswers:
    def __init__(
        self, governance: Governance, meetings: MeetingStore, roster: RosterStore, tz: ZoneInfo
    ) -> None:
        self._governance = governance
        self._meetings = meetings
        self._roster = roster
        self._tz = tz

    async def next_meeting(self, texts: Texts, group: Group, now: datetime) -> Reply:
        region = self._region_name(group.region)
        upcoming = await self._meetings.upcoming(group.region, group.key, now, limit=1)
        if not upcoming:
            text = texts.no_meetings.format(group=group.name, region=region)
            if group.frequency is not None:
                text += f"\n\n{group.frequency.text}"
            return Reply(text)
        meeting = upcoming[0]
        when = self._when(meeting, texts)
        text = texts.next_meeting.format(group=group.name, region=region, when=when)
        details = self._details(meeting, texts)
        if details:
            text += "\n" + "\n".join(f"{label}: {value}" for label, value in details)
        text += "\n\n" + texts.source.format(source=texts.source_calendar)
        content = cards.list_card(
            f"{group.label} – {region}",
            [cards.ListSection(meeting.title or group.name, ((texts.time_label, when), *details))],
            texts.source.format(source=texts.source_calendar),
        )
        return Reply(text, card=content)

    async def my_meetings(self, texts: Texts, asker: Person | None, now: datetime) -> Reply:
        if asker is None or asker.id is None:
            return Reply(texts.unknown_asker)
        memberships = await self._roster.memberships_of_person(asker.id, now.date())
        found: list[tuple[Meeting, Group]] = []
        seen: set[tuple[str, str]] = set()
        for membership in memberships:
            key = (membership.region, membership.group)
            group = self._governance.group(*key)
            if group is None or key in seen:
                continue
            seen.add(key)
            for meeting in await self._meetings.upcoming(*key, now, limit=3):
                found.append((meeting, group))
        if not found:
            return Reply(texts.my_meetings_none)
        found.sort(key=lambda pair: pair[0].start)
        rows = tuple(
            (
                self._when(meeting, texts),
                f"{group.label}" + (f", {meeting.location}" if meeting.location else ""),
            )
            for meeting, group in found[:8]
        )
        footer = texts.source.format(source=texts.source_calendar)
        content = cards.list_card(texts.my_meetings_title, [cards.ListSection("", rows)], footer)
        return Reply(cards.card_fallback_text(content), card=content)

    def frequency(self, texts: Texts, group: Group) -> Reply:
        region = self._region_name(group.region)
        if group.frequency is None:
            return Reply(texts.frequency_unknown.format(group=group.name, region=region))
        text = f"{group.label} – {region}: {group.frequency.text}"
        if group.frequency.source is not None:
            text += "\n\n" + texts.source.format(
                source=cite(self._governance, group.frequency.source)
            )
        return Reply(text)

    def _when(self, meeting: Meeting, texts: Texts) -> str:
        english = texts.language is Language.EN
        return dates.time_range(meeting.start, meeting.end, self._tz, english_text=english)

    def _details(self, meeting: Meeting, texts: Texts) -> tuple[tuple[str, str], ...]:
        details = []
        if meeting.location:
            details.append((texts.place_label, meeting.location))
        if meeting.teams_url:
            details.append((texts.teams_label, meeting.teams_url))
        if meeting.agenda_url:
            details.append((texts.agenda_label, meeting.agenda_url))
        return tuple(details)

    def _region_name(self, key: str) -> str:
        data = self._governance.region(key)
        return data.region.name if data else key
