"""What every kind of question has: a proposal with its evidence, and an answer.

A kind looks at an analysed question (`Asked`) and, when it could be what is asked,
proposes itself with a fit between 0 and 1 and the words it accounts for. The question
feature weighs every proposal against the others and against the documents' own
evidence; the kind that wins answers. Adding a kind of question is adding one module in
this package and one line in `kinds/__init__.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.domain.model import Governance, Group, Person
from bot.domain.ports import MeetingStore, RosterStore
from bot.domain.understanding.answer_type import AnswerType, wanted
from bot.domain.understanding.entities import Found
from bot.domain.understanding.text import Analysed, TextAnalysis
from dialogs.reply import Reply
from dialogs.texts import Texts

# How a proposal's fit is built: the names it needs are there; the question asks for the
# kind of answer it gives; the words it is about are there.
NAMES_PRESENT = 0.55
TYPE_MATCHES = 0.25
TYPE_OPEN = 0.1  # the question does not say what it wants ("styrgruppen?")
CONCEPT_PRESENT = 0.2


@dataclass(frozen=True, slots=True)
class Asked:
    """A question, analysed, with what it names and who asks."""

    analysed: Analysed
    found: Found
    region: str  # the region it is about: named, the group's, else the asker's
    asker: Person | None
    now: datetime
    is_office: bool = False
    on: date | None = None  # the day the question is about, when not today

    def day(self, tz: ZoneInfo) -> date:
        """The day to read the roster for: the one asked about, else today."""
        return self.on or self.now.astimezone(tz).date()

    def last_day(self, tz: ZoneInfo) -> date:
        """The last day an answer must hold for: a later year asked about ("2027", "efter
        nyår") is the whole of that year, else the one day."""
        day = self.day(tz)
        if self.on is not None and (self.on.month, self.on.day) == (1, 1):
            return date(day.year, 12, 31)
        return day

    @property
    def group(self) -> Group | None:
        return self.found.group

    @property
    def answer_type(self) -> AnswerType:
        return self.analysed.answer_type


@dataclass(frozen=True)
class Proposal:
    kind: Kind
    fit: float  # 0..1: how well the kind fits the question's shape
    explains: frozenset[int] = frozenset()  # positions of the words it accounts for
    detail: Any = None  # what the kind needs to answer (a role, an organisation, …)
    # The names it answers about, of "group", "role", "organisation", "person": a kind that
    # leaves a name of the question unused is less likely what was asked.
    uses: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Context:
    """What answers need: the data, the roster and calendar, and the time zone."""

    governance: Governance
    roster: RosterStore
    meetings: MeetingStore
    tz: ZoneInfo

    def region_name(self, key: str) -> str:
        data = self.governance.region(key)
        return data.region.name if data else key


class Kind(Protocol):
    name: str

    def propose(self, asked: Asked) -> Proposal | None:
        """A proposal when the question could be of this kind, else None."""
        ...

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply: ...


@dataclass(frozen=True)
class Concept:
    """The words a kind is about ("möte", "träffas", "meeting"), as terms of the one
    analysis: found inflected, misspelt or inside a compound like any other word."""

    terms: frozenset[tuple[str, ...]] = field(default_factory=frozenset)

    @classmethod
    def of(cls, analysis: TextAnalysis, words: Iterable[str]) -> Concept:
        return cls(frozenset(t for w in words if (t := analysis.terms_of(w))))

    def find(self, terms: tuple[str, ...]) -> frozenset[int]:
        found: set[int] = set()
        for phrase in self.terms:
            width = len(phrase)
            for start in range(len(terms) - width + 1):
                if terms[start : start + width] == phrase:
                    found.update(range(start, start + width))
        return frozenset(found)


def fit(
    asked: Asked,
    wants: frozenset[AnswerType],
    *,
    concept: frozenset[int] = frozenset(),
    concept_needed: bool = False,
    named_concept: bool = False,
) -> float | None:
    """The usual fit: names present (the caller checked), the answer type, the concept
    (`named_concept`: the kind's concept is one of the names, a role or an organisation).
    None when the question wants another kind of answer, or lacks a needed concept."""
    kind = asked.answer_type
    if wanted(kind, wants):
        score = NAMES_PRESENT + TYPE_MATCHES
    elif kind in (AnswerType.OTHER, AnswerType.DEFINITION):
        score = NAMES_PRESENT + TYPE_OPEN
    else:
        return None
    if concept or named_concept:
        score += CONCEPT_PRESENT
    elif concept_needed:
        return None
    return min(score, 1.0)
