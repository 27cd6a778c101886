"""Which governing documents there are and for which period: "Vilka dokument har du?",
"Vilken period gäller inriktningsdokumentet i Fyrbodal?", "Hur länge gäller avtalet?"."""

from __future__ import annotations

from bot.domain.understanding.answer_type import AnswerType
from bot.domain.understanding.text import TextAnalysis
from dialogs.questions.kinds.base import Asked, Concept, Context, Proposal, fit
from dialogs.reply import Reply
from dialogs.texts import Texts

DOCUMENTS = (
    "dokument", "dokumentet", "dokumenten", "styrdokument", "styrdokumenten",
    "inriktningsdokument", "inriktningsdokumentet", "plan", "planen", "strategisk plan",
    "överenskommelse", "överenskommelsen", "avtal", "avtalet", "verksamhetsberättelse",
    "document", "documents", "agreement", "plan",
)  # fmt: skip
VALIDITY = ("gäller", "giltig", "period", "perioden", "datum", "daterat", "valid", "period")


class DocumentsInfo:
    name = "documents_info"

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context
        self._documents = Concept.of(analysis, DOCUMENTS)
        self._validity = Concept.of(analysis, VALIDITY)

    def propose(self, asked: Asked) -> Proposal | None:
        terms = asked.analysed.terms
        concept = self._documents.find(terms)
        if not concept or asked.group is not None:
            return None
        wants = frozenset(
            {AnswerType.TIME, AnswerType.DURATION, AnswerType.PERSON, AnswerType.NUMBER}
        )
        score = fit(asked, wants, concept=concept)
        if score is None:
            return None
        return Proposal(self, score, concept | self._validity.find(terms))

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        data = self._context.governance.region(asked.region)
        documents = [d for d in data.documents if not d.replaced_by] if data else []
        region = self._context.region_name(asked.region)
        if not documents:
            return Reply(texts.documents_none.format(region=region), declined=True)
        today = asked.now.astimezone(self._context.tz).date()
        lines = []
        for document in documents:
            details = []
            if document.period:
                details.append(texts.document_period.format(period=document.period))
            if document.dated:
                details.append(texts.document_dated.format(dated=document.dated))
            if document.ended_before(today):
                details.append(texts.document_ended)
            detail = f" ({', '.join(details)})" if details else ""
            lines.append(f"- {document.title}{detail}")
        heading = texts.documents_title.format(region=region)
        source = texts.source.format(source="; ".join(d.title for d in documents))
        return Reply(heading + "\n" + "\n".join(lines) + "\n\n" + source)
