"""What a group is and does: "Vad har AU för uppgift?", "Vad gör kansliet?", "What does
the steering group do?". Answered with the group's own description from the documents."""

from __future__ import annotations

from bot.domain.citations import cite
from bot.domain.understanding.answer_type import AnswerType
from bot.domain.understanding.text import TextAnalysis
from dialogs.questions.kinds.base import Asked, Concept, Context, Proposal, fit
from dialogs.reply import Reply
from dialogs.texts import Texts

TASK = (
    "uppgift", "uppgifter", "gör", "göra", "ansvar", "ansvarar", "syfte", "roll", "mandat",
    "does", "do", "task", "tasks", "purpose", "role", "responsible", "responsibilities",
)  # fmt: skip
_USES = frozenset({"group"})


class GroupDescription:
    name = "group_description"

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context
        self._concept = Concept.of(analysis, TASK)

    def propose(self, asked: Asked) -> Proposal | None:
        group = asked.group
        if group is None or group.description is None:
            return None
        concept = self._concept.find(asked.analysed.terms)
        rest = asked.analysed.content - asked.found.named - concept
        if asked.answer_type is AnswerType.DEFINITION and not rest:
            return Proposal(self, 1.0, concept, uses=_USES)  # "vad är AU?"
        wants = frozenset({AnswerType.OTHER})
        score = fit(asked, wants, concept=concept, concept_needed=True)
        return Proposal(self, score, concept, uses=_USES) if score is not None else None

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        group = asked.group
        assert group is not None and group.description is not None
        rule = group.description
        source = cite(self._context.governance, rule.source)
        return Reply(f"{group.label}\n\n{rule.text}\n\n" + texts.source.format(source=source))
