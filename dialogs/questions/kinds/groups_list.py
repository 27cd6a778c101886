"""Which groups a region's collaboration has: "Vilka grupper finns?", "Vilka grupper finns i
Skaraborg?", "Which groups are there?". Read from the data (or, for a region added from
its documents alone, from the groups found in them), listed by level, with the sources."""

from __future__ import annotations

from bot.domain.citations import cite
from bot.domain.model import GroupKind
from bot.domain.understanding.answer_type import AnswerType
from bot.domain.understanding.text import TextAnalysis
from dialogs.questions.kinds.base import Asked, Concept, Context, Proposal, fit
from dialogs.reply import Reply
from dialogs.texts import Texts

GROUP_WORDS = (
    "grupper", "grupperna", "samverkansgrupper", "organ", "forum", "mötesforum",
    "organisation", "organisationen", "struktur", "strukturen",
    "groups", "bodies", "structure", "organisation", "organization",
)  # fmt: skip
EXISTS = ("finns", "finns det", "har ni", "ingår", "består", "are there", "exist", "exists")
# Top of the structure first: the politicians, their presidium, the steering group, …
_ORDER = (
    GroupKind.POLITICAL_COUNCIL, GroupKind.PRESIDIUM, GroupKind.STEERING_GROUP,
    GroupKind.WORKING_COMMITTEE, GroupKind.COMMISSIONED_GROUP, GroupKind.LOCAL_MANAGEMENT,
    GroupKind.LOCAL_WORKING, GroupKind.OFFICE,
)  # fmt: skip


class GroupsList:
    name = "groups_list"

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context
        self._groups = Concept.of(analysis, GROUP_WORDS)
        self._exists = Concept.of(analysis, EXISTS)

    def propose(self, asked: Asked) -> Proposal | None:
        terms = asked.analysed.terms
        groups = self._groups.find(terms)
        exists = self._exists.find(terms)
        # "Vilka grupper är jag med i?" is about the asker; a named group or person is
        # about that one.
        if not groups or not exists or asked.analysed.self_reference:
            return None
        if asked.group is not None or asked.found.person is not None:
            return None
        score = fit(asked, frozenset({AnswerType.PERSON, AnswerType.NUMBER}), concept=groups)
        return Proposal(self, score, groups | exists) if score is not None else None

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        governance = self._context.governance
        data = governance.region(asked.region)
        region = self._context.region_name(asked.region)
        if data is None or not data.groups:
            return Reply(texts.groups_none.format(region=region), declined=True)
        lines: list[str] = []
        local: dict[GroupKind, list[str]] = {}
        for kind in _ORDER:
            for group in (g for g in data.groups if g.kind is kind):
                if group.municipality:  # eight local groups: one line, the municipalities
                    local.setdefault(kind, []).append(group.municipality)
                    continue
                lines.append(f"- {group.label}")
            if kind in local:
                term = data.region.local_group_term or kind.value.replace("_", " ")
                places = ", ".join(local.pop(kind))
                lines.append(f"- {texts.groups_local.format(term=term, places=places)}")
        sources: list[str] = []
        for group in data.groups:
            rule = group.description or group.composition
            if rule is not None:
                label = cite(governance, rule.source).split(", avsnitt")[0]
                if label not in sources:
                    sources.append(label)
        text = texts.groups_title.format(region=region) + "\n" + "\n".join(lines)
        if sources:
            text += "\n\n" + texts.source.format(source="; ".join(sources))
        return Reply(text)
