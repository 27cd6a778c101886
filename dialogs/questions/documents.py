"""Answers from the governing documents: the sentence that answers, with its source.

Every passage of the question's region is weighed by meaning and by words together
(`HybridIndex`); then by what the question names (a passage about the group it asks of
counts for more) and by what it wants (a sentence without any number cannot answer "hur
många"). The best one is quoted with the sentence after it when that one completes it,
and the document and section are cited. A passage from a document whose period has
passed says so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from bot.domain.citations import cite
from bot.domain.model import Governance, Rule, SourceRef
from bot.domain.names import fold, group_names, region_names
from bot.domain.questions import Language
from bot.domain.search.hybrid import Evidence, HybridIndex, Vector
from bot.domain.search.passages import Passage
from bot.domain.understanding.answer_type import AnswerType, carries
from bot.domain.understanding.text import TextAnalysis
from dialogs.questions.kinds.base import Asked
from dialogs.reply import Reply
from dialogs.texts import Texts

ABOUT_THE_GROUP = 0.08  # a passage about the group the question names
ABOUT_THE_SECTION = 0.08  # a passage whose heading the question names ("spridningsdagen")
# When another region's documents answer the question clearly better than this region's
# (a budget, a survey Fyrbodal's plan does not have), this region's documents do not cover
# it: its passages' scores are lowered by how much better the other region does.
ELSEWHERE_MARGIN = 0.1
ELSEWHERE_WEIGHT = 2.0
WRONG_SHAPE = 0.6  # a passage that cannot give the kind of answer asked for: times this
COMPOUND_HEAD = 6  # letters a term needs to count as the first part of a longer word
_SHORT = 300  # characters: a following sentence short enough to add as context
_SENTENCE = re.compile(r"[^.!?]+[.!?]")
_LISTING = re.compile(r"(vilka|which|what are|lista)\b", re.IGNORECASE)


# The confidence that the best passage answers: a logistic model over its evidence,
# fit by `python -m bench.calibrate` on the tuning questions and the development
# document's (two kinds of document), weights for the features of `features`, the last one
# the intercept. Below `ANSWERS` the bot declines.
CONFIDENCE_WEIGHTS = (1.08, 1.55, 0.93, 0.46, 0.56, 0.23, 0.9, -2.71)
# Of the thresholds bench.calibrate shows, the one with the most right answers less three
# times the wrong ones (a confidently wrong answer costs a member as much as three honest
# "I don't know"s): 0.7 (43 against 0.65's 30 in cross-validation; measured on the tuning
# and development questions the two tie, and 0.7 gives 9 wrong answers where 0.65 gave 15).
ANSWERS = 0.7
# Between NEAREST and ANSWERS the closest passage is shown as that, not as the answer (about
# half of these hold it on the tuning questions); below, the bot only says it does not know.
NEAREST = 0.4
# However the evidence stands out, a passage this weak never answers: the model was fit on
# few weak passages and must not extrapolate below them.
SCORE_FLOOR = 0.35


@dataclass(frozen=True, slots=True)
class Found:
    evidence: Evidence
    score: float  # after what the question names and wants
    shape_ok: bool = True  # the passage can give the kind of answer asked for


def features(top: Found, evidence: Sequence[Found], asked: Asked) -> list[float]:
    """What the confidence weighs: the passage's score, how far its meaning stands out, its
    words and its meaning apart, whether it has the kind of answer wanted, the question's
    language, and the margin to the next passage."""
    second = evidence[1].score if len(evidence) > 1 else 0.0
    return [
        top.score,
        max(0.0, top.evidence.prominence) / 4,
        top.evidence.lexical,
        top.evidence.dense,
        float(top.shape_ok),
        float(asked.analysed.language is not Language.SV),
        top.score - second,
        1.0,
    ]


def confidence(evidence: Sequence[Found], asked: Asked) -> float:
    if not evidence or evidence[0].score < SCORE_FLOOR:
        return 0.0
    x = features(evidence[0], evidence, asked)
    z = sum(w * v for w, v in zip(CONFIDENCE_WEIGHTS, x, strict=True))
    return 1 / (1 + math.exp(-z))


class DocumentAnswers:
    def __init__(
        self, governance: Governance, index: HybridIndex, analysis: TextAnalysis, tz: ZoneInfo
    ) -> None:
        self._governance = governance
        self._tz = tz  # "has the period ended" is asked of the member's own date
        self._index = index
        self._analysis = analysis
        # Each heading's content terms: a question naming all of them is about that section.
        self._headings: dict[str, frozenset[str]] = {}
        for passage in index.passages:
            if passage.title not in self._headings:
                analysed = analysis.analyse(passage.title)
                content = frozenset(analysed.terms[i] for i in analysed.content)
                self._headings[passage.title] = content
        self._region_words = {
            word
            for data in governance.regions
            for name in region_names(data.region)
            for word in name.split()
        } - {"narvardssamverkan", "vardsamverkan"}  # also the collaboration itself
        # Names of regions and groups say where a question points, not what it asks.
        self._context_words = {
            word
            for data in governance.regions
            for name in (
                region_names(data.region) | set().union(*(group_names(g) for g in data.groups))
            )
            for word in name.split()
        }

    @property
    def index(self) -> HybridIndex:
        return self._index

    def query(self, asked: Asked) -> str:
        """The question without its region's name: the region is already the filter."""
        text = asked.analysed.text
        kept = " ".join(
            w for w in text.split() if fold(w.lower()).strip("?.,!") not in self._region_words
        )
        return kept or text

    def evidence(self, asked: Asked, vector: Vector | None, limit: int = 5) -> list[Found]:
        hits = self._index.search(
            self.query(asked),
            vector,
            region=asked.region,
            limit=limit * 3,
            cross_language=asked.analysed.language is not Language.SV,
        )
        group = asked.group
        years = asked.found.years
        elsewhere = self._index.search(
            self.query(asked),
            vector,
            region=None,
            limit=limit * 3,
            cross_language=asked.analysed.language is not Language.SV,
        )
        here_best = hits[0].score if hits else 0.0
        other_best = max(
            (e.score for e in elsewhere if e.passage.region != asked.region), default=0.0
        )
        gap = other_best - here_best - ELSEWHERE_MARGIN
        covered = 1.0 if gap <= 0 else max(0.3, 1.0 - ELSEWHERE_WEIGHT * gap)
        question = frozenset(asked.analysed.terms)
        found: list[Found] = []
        for hit in hits:
            passage = hit.passage
            text = f"{passage.title} {passage.text}"
            if any(year not in text for year in years):
                continue  # "2023" is not "2020"
            score = hit.score
            if group is not None and (group.key == passage.group or group.key in passage.groups):
                score += ABOUT_THE_GROUP
            heading = self._headings.get(passage.title, frozenset())
            if heading and heading <= question:
                score += ABOUT_THE_SECTION
            shape_ok = carries(asked.answer_type, fold(self._with_context(passage).lower()))
            if not shape_ok:
                score *= WRONG_SHAPE
            score *= covered
            found.append(Found(hit, min(score, 1.0), shape_ok))
        found.sort(key=lambda f: -f.score)
        return found[:limit]

    def holds(self, found: Found, terms: Sequence[str]) -> bool:
        """Whether the passage (with the sentence after it) holds any of these question
        terms, written out, as a word of the question it matched (an English gloss), or as
        the first part of a compound ("arbetsgivare" in "arbetsgivaransvaret")."""
        if not terms:
            return False
        analyzer = self._analysis.analyzer
        held = set(analyzer.document_terms(self._with_context(found.evidence.passage)))
        held |= {analyzer.term(word) for word in found.evidence.matched}
        return any(
            term in held or (len(term) >= COMPOUND_HEAD and any(h.startswith(term) for h in held))
            for term in terms
        )

    def answer(
        self,
        found: Found,
        asked: Asked,
        texts: Texts,
        also: Found | None = None,
        *,
        unsure: bool = False,
    ) -> Reply:
        """The passage quoted with its source; `unsure`: as the closest the documents come,
        said to be no sure answer (the caller offers the office)."""
        passage = found.evidence.passage
        rules = self._with_next(passage, asked.analysed.text)
        if also is not None and also.evidence.passage.source != passage.source:
            rules.append(Rule(also.evidence.passage.text, also.evidence.passage.source))
        sources = list(dict.fromkeys(cite(self._governance, r.source) for r in rules))
        body = "\n\n".join(rule.text for rule in rules)
        lead = ""
        if unsure:
            lead = texts.nearest_lead + "\n\n"
        elif asked.analysed.language is Language.EN:
            lead = texts.document_lead.format(title=passage.title) + "\n\n"
        note = self._expired_note(passage.source, asked, texts)
        text = f"{lead}{body}\n\n" + texts.source.format(source="; ".join(sources)) + note
        return Reply(text)

    def _expired_note(self, source: SourceRef, asked: Asked, texts: Texts) -> str:
        document = self._governance.document(source.document)
        if document is None or not document.ended_before(asked.day(self._tz)):
            return ""
        return "\n\n" + texts.expired_document.format(period=document.period)

    def context_of(self, passage: Passage) -> str:
        """The passage with the sentence after it, as an answer would quote it."""
        return self._with_context(passage)

    def _with_context(self, passage: Passage) -> str:
        return " ".join(rule.text for rule in self._with_next(passage, ""))

    def _with_next(self, passage: Passage | Rule, question: str) -> list[Rule]:
        """The passage, and the sentences after it in its section: documents often state a
        rule and its detail in consecutive sentences ("… svarar för kostnaderna." / "VGR
        betalar 50 procent …"); a "vilka …?" question gets a list's next items too."""
        rules = [Rule(passage.text, passage.source)]
        document = self._governance.document(passage.source.document)
        section = document.section(passage.source.section) if document else None
        if section is None:
            return rules
        text = " ".join(section.text.split())
        at = text.find(" ".join(passage.text.split()))
        if at < 0:
            return rules
        rest = text[at + len(" ".join(passage.text.split())) :]
        wanted = 4 if _LISTING.match(question.strip()) else 1
        for sentence in _SENTENCE.findall(rest)[:wanted]:
            sentence = sentence.strip()
            if not sentence or len(sentence) > _SHORT:
                break
            rules.append(Rule(sentence, passage.source))
        return rules


def weaker(found: Found, by: float) -> Found:
    return replace(found, score=max(0.0, found.score - by))


_ = AnswerType  # the shapes `evidence` checks come from answer_type
