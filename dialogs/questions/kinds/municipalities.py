"""Which municipalities a region's collaboration covers: "Vilka kommuner ingår?"."""

from __future__ import annotations

from bot.domain.citations import cite
from bot.domain.understanding.answer_type import AnswerType
from bot.domain.understanding.text import TextAnalysis
from dialogs.questions.kinds.base import Asked, Concept, Context, Proposal, fit
from dialogs.reply import Reply
from dialogs.texts import Texts

MUNICIPALITIES = ("kommuner", "kommunerna", "municipalities", "councils")


class Municipalities:
    name = "municipalities"

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context
        self._concept = Concept.of(analysis, MUNICIPALITIES)

    def propose(self, asked: Asked) -> Proposal | None:
        concept = self._concept.find(asked.analysed.terms)
        if not concept or asked.group is not None:
            return None
        score = fit(asked, frozenset({AnswerType.PERSON, AnswerType.NUMBER}), concept=concept)
        return Proposal(self, score, concept) if score is not None else None

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        data = self._context.governance.region(asked.region)
        if data is None or not data.region.municipalities:
            name = data.region.collaboration if data else asked.region
            return Reply(texts.municipalities_unknown.format(region=name), declined=True)
        names = ", ".join(data.region.municipalities)
        text = texts.municipalities.format(region=data.region.collaboration, names=names)
        rule = next((r for r in data.region.facts if r.topic == "kommuner"), None)
        if rule is None:
            return Reply(text)
        return Reply(
            f"{text}\n\n{rule.text}\n\n"
            + texts.source.format(source=cite(self._context.governance, rule.source))
        )
