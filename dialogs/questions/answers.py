"""Answers to members' questions, from the governance data and the roster.

Every fact names its source: the roster for people, a document section for rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.citations import cite
from bot.domain.model import Governance, Group, Membership, Person, Role, Rule, SeatSpec
from bot.domain.names import fold
from bot.domain.ports import MeetingStore, RosterStore
from bot.domain.questions import (
    GroupFact,
    GroupMembers,
    Help,
    MeetingFrequency,
    Municipalities,
    MyMeetings,
    MySurveyQuestions,
    NeedsGroup,
    NextMeeting,
    PersonGroups,
    Procedure,
    Question,
    SurveyOverview,
    Unknown,
    WhoHoldsRole,
    WhoRepresents,
)
from bot.domain.survey import questions_for
from dialogs import cards
from dialogs.actions import ActionName
from dialogs.help import HelpBuilder
from dialogs.questions.facts import FactAnswers
from dialogs.questions.meetings import MeetingAnswers
from dialogs.reply import Reply
from dialogs.texts import Texts, texts_for

# The order people are listed in: chair first, then the rest as a secretary would.
_ROLE_ORDER = {role: i for i, role in enumerate(Role)}


class Answers:
    def __init__(
        self,
        governance: Governance,
        roster: RosterStore,
        meetings: MeetingStore,
        tz: ZoneInfo,
        help_builder: HelpBuilder,
    ) -> None:
        self._governance = governance
        self._help = help_builder
        self._roster = roster
        self._meetings = MeetingAnswers(governance, meetings, roster, tz)
        self._facts = FactAnswers(governance)

    async def answer(
        self, question: Question, *, now: datetime, asker: Person | None, is_office: bool
    ) -> Reply:
        texts = texts_for(question.language)
        today = now.date()
        match question:
            case Help():
                return self._help.reply(question.language, is_office=is_office)
            case WhoHoldsRole(region=region, group=key, role=role):
                return await self._who_holds(texts, region, key, role, today)
            case GroupMembers(region=region, group=key):
                return await self._members(texts, region, key, today)
            case WhoRepresents(
                region=region, group=key, organisation=organisation, how_many=how_many
            ):
                if how_many:
                    reply = self._seat_count(texts, region, key, organisation)
                    if reply is not None:
                        return reply
                return await self._represents(texts, region, key, organisation, today)
            case PersonGroups(person=person):
                return await self._person_groups(texts, person or asker, person is None, today)
            case NextMeeting(region=region, group=key):
                return await self._meetings.next_meeting(texts, self._group(region, key), now)
            case MyMeetings():
                return await self._meetings.my_meetings(texts, asker, now)
            case MeetingFrequency(region=region, group=key):
                return self._meetings.frequency(texts, self._group(region, key))
            case GroupFact(region=region, group=key, topic=topic, text=text):
                group = self._group(region, key)
                reply = self._facts.group_fact(texts, group, topic, text)
                return reply or not_understood(texts, text)
            case Procedure(text=text, region=region):
                return self._facts.search(texts, text, region) or not_understood(texts, text)
            case MySurveyQuestions(region=region):
                return await self._survey_questions(texts, region, asker, today)
            case SurveyOverview(region=region):
                return self._survey_overview(texts, region)
            case Municipalities(region=region):
                return self._facts.municipalities(texts, region)
            case NeedsGroup():
                # A question back is not an answer: counted with the honest "don't know"s.
                return Reply(texts.needs_group, suggestions=texts.examples[:2], declined=True)
            case Unknown(text=text):
                return not_understood(texts, text)

    async def _who_holds(
        self, texts: Texts, region: str, key: str, role: Role, today: date
    ) -> Reply:
        group = self._group(region, key)
        region_name = self._region_name(region)
        role_name = texts.role_names[role]
        holders = [
            m for m in await self._roster.memberships_of_group(region, key, today) if m.role == role
        ]
        rule = _rule_for_role(group, role)
        sources = []
        if holders:
            names = _join([_person_label(m) for m in holders], texts)
            text = texts.role_holder.format(
                role=role_name, group=group.name, region=region_name, names=names
            )
            text = text[0].upper() + text[1:]
            sources.append(texts.source_roster)
        else:
            text = texts.role_holder_none.format(
                role=role_name, group=group.name, region=region_name
            )
        if rule is not None:
            text += f"\n\n{rule.text}"
            sources.append(cite(self._governance, rule.source))
        if sources:
            text += "\n\n" + texts.source.format(source="; ".join(sources))
        return Reply(text)

    async def _members(self, texts: Texts, region: str, key: str, today: date) -> Reply:
        group = self._group(region, key)
        region_name = self._region_name(region)
        memberships = sorted(
            await self._roster.memberships_of_group(region, key, today),
            key=lambda m: (_ROLE_ORDER[m.role], m.person.name),
        )
        sections: list[cards.ListSection] = []
        if memberships:
            rows = tuple((m.person.name, _membership_detail(m, texts)) for m in memberships)
            sections.append(cards.ListSection(texts.people_heading, rows))
        if group.seats:
            seat_rows = tuple(_seat_row(seat, texts) for seat in group.seats)
            sections.append(cards.ListSection(texts.seats_heading, seat_rows))
        sources = []
        if memberships:
            sources.append(texts.source_roster)
        if group.composition is not None:
            sources.append(cite(self._governance, group.composition.source))
        footer = texts.source.format(source="; ".join(sources)) if sources else ""
        title = texts.members_title.format(group=group.label, region=region_name)
        if not sections:
            return Reply(f"{title}\n\n{texts.members_none.format(group=group.name)}")
        if not memberships and group.composition is not None:
            sections.insert(0, cards.ListSection(texts.members_none.format(group=group.name), ()))
        content = cards.list_card(title, sections, footer)
        return Reply(cards.card_fallback_text(content), card=content)

    async def _represents(
        self, texts: Texts, region: str, key: str, organisation: str, today: date
    ) -> Reply:
        group = self._group(region, key)
        region_name = self._region_name(region)
        wanted = fold(organisation).split()
        holders = [
            m
            for m in await self._roster.memberships_of_group(region, key, today)
            if _names_all(wanted, f"{m.seat} {m.person.organisation}")
        ]
        shown = organisation
        if not holders:
            return Reply(
                texts.represents_none.format(
                    organisation=shown, group=group.name, region=region_name
                )
            )
        names = _join([f"{m.person.name} ({texts.role_names[m.role]})" for m in holders], texts)
        text = texts.represents.format(
            organisation=shown, group=group.name, region=region_name, names=names
        )
        return Reply(text + "\n\n" + texts.source.format(source=texts.source_roster))

    def _seat_count(self, texts: Texts, region: str, key: str, organisation: str) -> Reply | None:
        """How many seats an organisation has, as the governing document states it."""
        group = self._group(region, key)
        wanted = fold(organisation).split()
        seats = [seat for seat in group.seats if _names_all(wanted, seat.organisation)]
        if not seats or group.composition is None:
            return None
        rows = [_seat_row(seat, texts) for seat in seats]
        lines = [f"{label}: {detail}" if detail != "–" else label for label, detail in rows]
        heading = f"{group.label} ({self._region_name(region)})"
        source = cite(self._governance, group.composition.source)
        return Reply(
            f"{heading}\n" + "\n".join(lines) + "\n\n" + texts.source.format(source=source)
        )

    async def _person_groups(
        self, texts: Texts, person: Person | None, is_asker: bool, today: date
    ) -> Reply:
        if person is None or person.id is None:
            return Reply(texts.unknown_asker)
        memberships = await self._roster.memberships_of_person(person.id, today)
        title = (
            texts.my_groups_title
            if is_asker
            else texts.person_groups_title.format(name=person.name)
        )
        if not memberships:
            return Reply(texts.person_groups_none.format(name=person.name))
        rows = []
        for membership in memberships:
            group = self._governance.group(membership.region, membership.group)
            label = group.label if group else membership.group
            rows.append(
                (
                    f"{label} ({self._region_name(membership.region)})",
                    _membership_detail(membership, texts),
                )
            )
        footer = texts.source.format(source=texts.source_roster)
        content = cards.list_card(title, [cards.ListSection("", tuple(rows))], footer)
        return Reply(cards.card_fallback_text(content), card=content)

    async def _survey_questions(
        self, texts: Texts, region: str, asker: Person | None, today: date
    ) -> Reply:
        if asker is None or asker.id is None:
            return Reply(texts.unknown_asker)
        memberships = await self._roster.memberships_of_person(asker.id, today)
        survey = next(
            (
                d.survey
                for d in self._governance.regions
                if d.survey is not None
                and d.region.key in {m.region for m in memberships} | {region}
            ),
            None,
        )
        if survey is None:
            return Reply(texts.survey_none, declined=True)
        mine = questions_for(survey.questions, memberships, self._governance)
        if not mine:
            return Reply(texts.survey_no_questions)
        lines = [f"{n}. {q.text} ({q.recipients_text})" for n, q in enumerate(mine, start=1)]
        source = cite(self._governance, survey.source)
        return Reply(
            texts.survey_questions.format(count=len(mine))
            + "\n"
            + "\n".join(lines)
            + "\n\n"
            + texts.source.format(source=source)
        )

    def _survey_overview(self, texts: Texts, region: str) -> Reply:
        data = self._governance.region(region)
        survey = data.survey if data else None
        if survey is None:
            return Reply(texts.survey_none, declined=True)
        lines = [f"{n}. {q.text} ({q.recipients_text})" for n, q in enumerate(survey.questions, 1)]
        heading = texts.survey_overview.format(count=len(survey.questions), by=survey.sent_by)
        source = texts.source.format(source=cite(self._governance, survey.source))
        return Reply(heading + "\n" + "\n".join(lines) + "\n\n" + source)

    def _group(self, region: str, key: str) -> Group:
        group = self._governance.group(region, key)
        if group is None:  # the reader only returns groups it found in the same Governance
            raise LookupError(f"group {region}/{key} is not in the governance data")
        return group

    def _region_name(self, region: str) -> str:
        data = self._governance.region(region)
        return data.region.name if data else region


def not_understood(texts: Texts, question: str) -> Reply:
    """ "I don't know", close questions it can answer, and a button to ask the office."""
    forward = cards.submit(
        texts.forward_button, {"action": ActionName.FORWARD_QUESTION.value, "question": question}
    )
    content = cards.suggestions_card(texts.not_understood, texts.examples[:3], [forward])
    return Reply(
        texts.not_understood + "\n" + "\n".join(f"- {q}" for q in texts.examples[:3]),
        card=content,
        suggestions=texts.examples[:3],
        declined=True,
    )


def _rule_for_role(group: Group, role: Role) -> Rule | None:
    if role in (Role.CHAIR, Role.VICE_CHAIR):
        return group.chair
    if role is Role.SECRETARY:
        return group.secretary
    return None


def _person_label(membership: Membership) -> str:
    detail = membership.seat or membership.person.organisation
    return f"{membership.person.name} ({detail})" if detail else membership.person.name


def _membership_detail(membership: Membership, texts: Texts) -> str:
    role = texts.role_names[membership.role]
    detail = membership.seat or membership.person.organisation
    return f"{role}, {detail}" if detail else role


def _seat_row(seat: SeatSpec, texts: Texts) -> tuple[str, str]:
    label = f"{seat.count} × {seat.organisation}" if seat.count > 1 else seat.organisation
    # Only what the document states: an adjunct seat, or a seat without a vote. Where it
    # says nothing about voting, neither does the bot.
    rights = texts.adjunct if seat.adjunct else ("" if seat.voting else texts.no_voting)
    detail = "; ".join(part for part in (rights, seat.note) if part)
    return label, detail or "–"


def _names_all(wanted: Sequence[str], text: str) -> bool:
    """Every wanted word begins a word of the text ("socialtjanst" in "Socialtjänst")."""
    words = fold(text).split()
    return bool(wanted) and all(any(w.startswith(x) for w in words) for x in wanted)


def _join(parts: Sequence[str], texts: Texts) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {texts.conjunction} " + parts[-1]
