"""Who sits in a group, and its seats: "Vilka sitter i AU?", "Vem ingår i DPS?"."""

from __future__ import annotations

from bot.domain.citations import cite
from bot.domain.understanding.answer_type import AnswerType
from bot.domain.understanding.text import TextAnalysis
from dialogs import cards
from dialogs.questions.kinds.base import Asked, Concept, Context, Proposal, fit
from dialogs.questions.wording import ROLE_ORDER, membership_detail, seat_row
from dialogs.reply import Reply
from dialogs.texts import Texts

MEMBERSHIP = (
    "medlem", "medlemmar", "ledamot", "ledamöter", "sitter", "ingår", "består", "bestå",
    "sammansättning", "sammansatt", "deltar", "deltagare", "representerade", "representanter",
    "platser", "members", "member", "sits", "sit", "seats", "composition", "consists",
    "included", "participants", "jobbar", "arbetar", "anställda", "personal", "staff",
    "works", "work", "employees",
)  # fmt: skip


_USES = frozenset({"group"})


class GroupMembers:
    name = "group_members"
    roster_only = True  # who sits in a group is in the roster, not in the documents
    states_now = True  # the roster as it stands: no answer for another year

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context
        self._concept = Concept.of(analysis, MEMBERSHIP)

    def propose(self, asked: Asked) -> Proposal | None:
        if asked.group is None or asked.found.role is not None:
            return None
        concept = self._concept.find(asked.analysed.terms)
        rest = asked.analysed.content - asked.found.named
        if not rest and not concept:
            return Proposal(self, 0.8, uses=_USES)  # just the group: "AU?", "who is in AU?"
        score = fit(asked, frozenset({AnswerType.PERSON}), concept=concept, concept_needed=True)
        return Proposal(self, score, concept, uses=_USES) if score is not None else None

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        group = asked.group
        assert group is not None
        region_name = self._context.region_name(group.region)
        today = asked.day(self._context.tz)
        memberships = sorted(
            await self._context.roster.memberships_of_group(group.region, group.key, today),
            key=lambda m: (ROLE_ORDER[m.role], m.person.name),
        )
        sections: list[cards.ListSection] = []
        if memberships:
            rows = tuple((m.person.name, membership_detail(m, texts)) for m in memberships)
            sections.append(cards.ListSection(texts.people_heading, rows))
        if group.seats:
            seat_rows = tuple(seat_row(seat, texts) for seat in group.seats)
            sections.append(cards.ListSection(texts.seats_heading, seat_rows))
        sources = []
        if memberships:
            sources.append(texts.source_roster)
        if group.composition is not None:
            sources.append(cite(self._context.governance, group.composition.source))
        footer = texts.source.format(source="; ".join(sources)) if sources else ""
        title = texts.members_title.format(group=group.label, region=region_name)
        if not sections:
            return Reply(f"{title}\n\n{texts.members_none.format(group=group.name)}", declined=True)
        if not memberships and group.composition is not None:
            sections.insert(0, cards.ListSection(texts.members_none.format(group=group.name), ()))
        content = cards.list_card(title, sections, footer)
        return Reply(cards.card_fallback_text(content), card=content)
