"""Who represents an organisation in a group, and how many seats it has there:
"Vem representerar Borås i styrgruppen?", "Hur många platser har SÄS i styrgruppen?"."""

from __future__ import annotations

from bot.domain.citations import cite
from bot.domain.names import fold
from bot.domain.understanding.answer_type import AnswerType
from bot.domain.understanding.text import TextAnalysis
from dialogs.questions.kinds.base import Asked, Concept, Context, Proposal, fit
from dialogs.questions.wording import join, names_all, seat_row
from dialogs.reply import Reply
from dialogs.texts import Texts

REPRESENTING = (
    "representerar", "representera", "representant", "representanter", "företräder",
    "företrädare", "sitter för", "represents", "represent", "representative",
    "representatives", "for",
)  # fmt: skip
SEATS = ("platser", "plats", "representanter", "ledamöter", "seats", "seat", "members")


_USES = frozenset({"group", "organisation"})


class Represents:
    name = "represents"
    states_now = True  # the roster as it stands: no answer for another year

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context
        self._concept = Concept.of(analysis, REPRESENTING)

    def propose(self, asked: Asked) -> Proposal | None:
        if asked.group is None or asked.found.organisation is None:
            return None
        concept = self._concept.find(asked.analysed.terms)
        score = fit(asked, frozenset({AnswerType.PERSON}), concept=concept, named_concept=True)
        return Proposal(self, score, concept, uses=_USES) if score is not None else None

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        group, organisation = asked.group, asked.found.organisation
        assert group is not None and organisation is not None
        region_name = self._context.region_name(group.region)
        wanted = fold(organisation.lower()).split()
        today = asked.day(self._context.tz)
        holders = [
            m
            for m in await self._context.roster.memberships_of_group(group.region, group.key, today)
            if names_all(wanted, f"{m.seat} {m.person.organisation}")
        ]
        if not holders:
            return Reply(
                texts.represents_none.format(
                    organisation=organisation, group=group.name, region=region_name
                ),
                declined=True,
            )
        names = join([f"{m.person.name} ({texts.role_names[m.role]})" for m in holders], texts)
        text = texts.represents.format(
            organisation=organisation, group=group.name, region=region_name, names=names
        )
        return Reply(text + "\n\n" + texts.source.format(source=texts.source_roster))


class SeatCount:
    name = "seat_count"

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context
        self._concept = Concept.of(analysis, SEATS)

    def propose(self, asked: Asked) -> Proposal | None:
        group, organisation = asked.group, asked.found.organisation
        if group is None or organisation is None or group.composition is None:
            return None
        wanted = fold(organisation.lower()).split()
        if not any(names_all(wanted, seat.organisation) for seat in group.seats):
            return None  # the document gives no seat for it
        concept = self._concept.find(asked.analysed.terms)
        score = fit(asked, frozenset({AnswerType.NUMBER}), concept=concept)
        if score is None or asked.answer_type is not AnswerType.NUMBER:
            return None
        return Proposal(self, score, concept, uses=_USES)

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        group, organisation = asked.group, asked.found.organisation
        assert group is not None and organisation is not None and group.composition is not None
        wanted = fold(organisation.lower()).split()
        seats = [seat for seat in group.seats if names_all(wanted, seat.organisation)]
        rows = [seat_row(seat, texts) for seat in seats]
        lines = [f"{label}: {detail}" if detail != "–" else label for label, detail in rows]
        heading = f"{group.label} ({self._context.region_name(group.region)})"
        source = cite(self._context.governance, group.composition.source)
        return Reply(
            f"{heading}\n" + "\n".join(lines) + "\n\n" + texts.source.format(source=source)
        )
