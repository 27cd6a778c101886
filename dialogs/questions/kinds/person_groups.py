"""Which groups a person is in, and in what role: "Vilka grupper är jag med i?",
"I vilka grupper sitter Nils Nämndsson?", "What is my role?"."""

from __future__ import annotations

from bot.domain.understanding.answer_type import AnswerType
from bot.domain.understanding.text import TextAnalysis
from dialogs import cards
from dialogs.questions.kinds.base import Asked, Concept, Context, Proposal, fit
from dialogs.questions.wording import membership_detail
from dialogs.reply import Reply
from dialogs.texts import Texts

GROUPS = (
    "grupper", "grupp", "roll", "roller", "uppdrag", "med i", "sitter i", "medlem",
    "groups", "group", "role", "roles", "member",
    # What a named person does in a group is their role there ("Vad gör Nils i DPS?").
    "gör", "does", "do",
)  # fmt: skip


class PersonGroups:
    name = "person_groups"
    states_now = True  # the roster as it stands: no answer for another year

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context
        self._concept = Concept.of(analysis, GROUPS)

    def propose(self, asked: Asked) -> Proposal | None:
        person = asked.found.person
        concept = self._concept.find(asked.analysed.terms)
        if person is None and not (asked.analysed.self_reference and concept):
            return None

        wants = frozenset({AnswerType.PERSON})
        score = fit(asked, wants, concept=concept, concept_needed=person is None)
        uses = frozenset({"person", "group"} if person is not None else {"self", "group"})
        return Proposal(self, score, concept, uses=uses) if score is not None else None

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        person = asked.found.person or asked.asker
        if person is None or person.id is None:
            return Reply(texts.unknown_asker, declined=True)
        today = asked.day(self._context.tz)
        memberships = await self._context.roster.memberships_of_person(person.id, today)
        asked_about = asked.group
        if asked_about is not None:  # "Vad har jag för roll i styrgruppen?"
            where = (asked_about.region, asked_about.key)
            memberships = [m for m in memberships if (m.region, m.group) == where]
        is_asker = asked.found.person is None
        title = (
            texts.my_groups_title
            if is_asker
            else texts.person_groups_title.format(name=person.name)
        )
        if not memberships:
            return Reply(texts.person_groups_none.format(name=person.name), declined=True)
        rows = []
        for membership in memberships:
            group = self._context.governance.group(membership.region, membership.group)
            label = group.label if group else membership.group
            rows.append(
                (
                    f"{label} ({self._context.region_name(membership.region)})",
                    membership_detail(membership, texts),
                )
            )
        footer = texts.source.format(source=texts.source_roster)
        content = cards.list_card(title, [cards.ListSection("", tuple(rows))], footer)
        return Reply(cards.card_fallback_text(content), card=content)
