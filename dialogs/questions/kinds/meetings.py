"""Meetings: a group's next meeting, the asker's next meetings, and how often a group meets.

"När är nästa styrgruppsmöte?", "mina möten", "Hur ofta träffas DPS?". Times are said in the
asker's language; the next meeting comes from the calendar, the frequency from the rules.
"""

from __future__ import annotations

from bot.domain import dates
from bot.domain.citations import cite
from bot.domain.model import Group, Meeting
from bot.domain.questions import Language
from bot.domain.understanding.answer_type import AnswerType
from bot.domain.understanding.text import TextAnalysis
from dialogs import cards
from dialogs.questions.kinds.base import Asked, Concept, Context, Proposal, fit
from dialogs.reply import Reply
from dialogs.texts import Texts

MEETING = (
    "möte", "möten", "mötet", "mötena", "träffas", "träff", "träffar", "sammanträde",
    "sammanträder", "sammanträden", "ses", "meet", "meets", "meeting", "meetings",
)  # fmt: skip
NEXT = ("nästa", "kommande", "närmaste", "next", "upcoming", "soon")


class MeetingWords:
    def __init__(self, analysis: TextAnalysis) -> None:
        self.meeting = Concept.of(analysis, MEETING)
        self.next = Concept.of(analysis, NEXT)


class NextMeeting:
    name = "next_meeting"

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context
        self._words = MeetingWords(analysis)

    def propose(self, asked: Asked) -> Proposal | None:
        if asked.group is None:
            return None
        terms = asked.analysed.terms
        meeting = self._words.meeting.find(terms)
        upcoming = self._words.next.find(terms)
        # "Är det något styrgruppsmöte den här veckan?": the date answers it.
        wants = frozenset({AnswerType.TIME, AnswerType.PLACE, AnswerType.YES_NO})
        score = fit(asked, wants, concept=meeting, concept_needed=True)
        if score is None:
            return None
        return Proposal(self, score, meeting | upcoming, uses=frozenset({"group"}))

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        group = asked.group
        assert group is not None
        region = self._context.region_name(group.region)
        upcoming = await self._context.meetings.upcoming(
            group.region, group.key, asked.now, limit=1 if not asked.found.years else 60
        )
        if asked.found.years:
            # "När har styrgruppen möte i december 2028?": the next one of that year, if the
            # calendar has it; never the next one of another year.
            years = {int(y) for y in asked.found.years}
            upcoming = [m for m in upcoming if m.start.astimezone(self._context.tz).year in years]
        if not upcoming:
            text = texts.no_meetings.format(group=group.name, region=region)
            if group.frequency is not None:
                text += f"\n\n{group.name}: {group.frequency.text}"
            # The date is not known: the member is offered to ask the office.
            return Reply(text, declined=True)
        meeting = upcoming[0]
        when = when_of(self._context, meeting, texts)
        text = texts.next_meeting.format(group=group.name, region=region, when=when)
        details = _details(meeting, texts)
        if details:
            text += "\n" + "\n".join(f"{label}: {value}" for label, value in details)
        text += "\n\n" + texts.source.format(source=texts.source_calendar)
        content = cards.list_card(
            f"{group.label} – {region}",
            [cards.ListSection(meeting.title or group.name, ((texts.time_label, when), *details))],
            texts.source.format(source=texts.source_calendar),
        )
        return Reply(text, card=content)


class MyMeetings:
    name = "my_meetings"

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context
        self._words = MeetingWords(analysis)

    def propose(self, asked: Asked) -> Proposal | None:
        if asked.group is not None:
            return None
        terms = asked.analysed.terms
        meeting = self._words.meeting.find(terms)
        upcoming = self._words.next.find(terms)
        if not meeting or not (asked.analysed.self_reference or upcoming):
            return None
        wants = frozenset({AnswerType.TIME, AnswerType.PLACE, AnswerType.PERSON, AnswerType.YES_NO})
        score = fit(asked, wants, concept=meeting)
        if score is None:
            return None
        return Proposal(self, score, meeting | upcoming, uses=frozenset({"self"}))

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        asker = asked.asker
        if asker is None or asker.id is None:
            return Reply(texts.unknown_asker, declined=True)
        today = asked.day(self._context.tz)
        memberships = await self._context.roster.memberships_of_person(asker.id, today)
        found: list[tuple[Meeting, Group]] = []
        seen: set[tuple[str, str]] = set()
        for membership in memberships:
            key = (membership.region, membership.group)
            group = self._context.governance.group(*key)
            if group is None or key in seen:
                continue
            seen.add(key)
            for meeting in await self._context.meetings.upcoming(*key, asked.now, limit=3):
                found.append((meeting, group))
        if not found:
            return Reply(texts.my_meetings_none)
        found.sort(key=lambda pair: pair[0].start)
        rows = tuple(
            (
                when_of(self._context, meeting, texts),
                f"{group.label}" + (f", {meeting.location}" if meeting.location else ""),
            )
            for meeting, group in found[:8]
        )
        footer = texts.source.format(source=texts.source_calendar)
        content = cards.list_card(texts.my_meetings_title, [cards.ListSection("", rows)], footer)
        return Reply(cards.card_fallback_text(content), card=content)


class MeetingFrequency:
    name = "meeting_frequency"

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context
        self._words = MeetingWords(analysis)

    def propose(self, asked: Asked) -> Proposal | None:
        if asked.group is None or asked.answer_type is not AnswerType.FREQUENCY:
            return None
        meeting = self._words.meeting.find(asked.analysed.terms)
        score = fit(asked, frozenset({AnswerType.FREQUENCY}), concept=meeting)
        if score is None:
            return None
        return Proposal(self, score, meeting, uses=frozenset({"group"}))

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        group = asked.group
        assert group is not None
        region = self._context.region_name(group.region)
        if group.frequency is None:
            return Reply(texts.frequency_unknown.format(group=group.name, region=region))
        text = f"{group.label} – {region}: {group.frequency.text}"
        if group.frequency.source is not None:
            text += "\n\n" + texts.source.format(
                source=cite(self._context.governance, group.frequency.source)
            )
        return Reply(text)


def when_of(context: Context, meeting: Meeting, texts: Texts) -> str:
    english = texts.language is Language.EN
    return dates.time_range(meeting.start, meeting.end, context.tz, english_text=english)


def _details(meeting: Meeting, texts: Texts) -> tuple[tuple[str, str], ...]:
    details = []
    if meeting.location:
        details.append((texts.place_label, meeting.location))
    if meeting.teams_url:
        details.append((texts.teams_label, meeting.teams_url))
    if meeting.agenda_url:
        details.append((texts.agenda_label, meeting.agenda_url))
    return tuple(details)
