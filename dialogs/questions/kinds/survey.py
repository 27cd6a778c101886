"""The office's survey: which questions the asker gets ("Vilka enkätfrågor får jag?"), and
the survey as a whole ("Hur många frågor har enkäten?")."""

from __future__ import annotations

from bot.domain.citations import cite
from bot.domain.survey import questions_for
from bot.domain.understanding.answer_type import AnswerType
from bot.domain.understanding.text import TextAnalysis
from dialogs.questions.kinds.base import Asked, Concept, Context, Proposal, fit
from dialogs.reply import Reply
from dialogs.texts import Texts

SURVEY = ("enkät", "enkäten", "enkätfrågor", "enkätfrågorna", "survey", "questionnaire")
QUESTIONS = ("frågor", "frågorna", "fråga", "questions", "question")


class MySurveyQuestions:
    name = "my_survey_questions"

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context
        self._concept = Concept.of(analysis, SURVEY)

    def propose(self, asked: Asked) -> Proposal | None:
        concept = self._concept.find(asked.analysed.terms)
        if not concept or not asked.analysed.self_reference:
            return None
        wants = frozenset({AnswerType.PERSON, AnswerType.NUMBER})
        score = fit(asked, wants, concept=concept)
        if score is None:
            return None
        return Proposal(self, score, concept, uses=frozenset({"self"}))

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        asker = asked.asker
        if asker is None or asker.id is None:
            return Reply(texts.unknown_asker, declined=True)
        today = asked.day(self._context.tz)
        memberships = await self._context.roster.memberships_of_person(asker.id, today)
        regions = {m.region for m in memberships} | {asked.region}
        survey = next(
            (
                d.survey
                for d in self._context.governance.regions
                if d.survey is not None and d.region.key in regions
            ),
            None,
        )
        if survey is None:
            return Reply(texts.survey_none, declined=True)
        mine = questions_for(survey.questions, memberships, self._context.governance)
        if not mine:
            return Reply(texts.survey_no_questions)
        lines = [f"{n}. {q.text} ({q.recipients_text})" for n, q in enumerate(mine, start=1)]
        source = cite(self._context.governance, survey.source)
        return Reply(
            texts.survey_questions.format(count=len(mine))
            + "\n"
            + "\n".join(lines)
            + "\n\n"
            + texts.source.format(source=source)
        )


class SurveyOverview:
    name = "survey_overview"

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context
        self._survey = Concept.of(analysis, SURVEY)
        self._questions = Concept.of(analysis, QUESTIONS)

    def propose(self, asked: Asked) -> Proposal | None:
        concept = self._survey.find(asked.analysed.terms)
        if not concept or asked.analysed.self_reference:
            return None
        asked_questions = self._questions.find(asked.analysed.terms)
        wants = frozenset({AnswerType.NUMBER, AnswerType.PERSON})
        score = fit(asked, wants, concept=concept | asked_questions)
        if score is None:
            return None
        return Proposal(self, score if asked_questions else score - 0.1, concept | asked_questions)

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        data = self._context.governance.region(asked.region)
        survey = data.survey if data else None
        if survey is None:
            return Reply(texts.survey_none, declined=True)
        lines = [f"{n}. {q.text} ({q.recipients_text})" for n, q in enumerate(survey.questions, 1)]
        heading = texts.survey_overview.format(count=len(survey.questions), by=survey.sent_by)
        source = texts.source.format(source=cite(self._context.governance, survey.source))
        return Reply(heading + "\n" + "\n".join(lines) + "\n\n" + source)
