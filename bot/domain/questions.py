"""What a member can ask, as structured questions. `bot.domain.reader` produces them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.model import Person, Role


class Language(StrEnum):
    SV = "sv"
    EN = "en"


class Topic(StrEnum):
    """A procedural fact about a group, answered from its rule in the data."""

    PREPARED_BY = "prepared_by"
    MINUTES = "minutes"
    REPORTS_TO = "reports_to"
    COMMISSIONED_BY = "commissioned_by"
    CHAIR = "chair"
    SECRETARY = "secretary"
    COMPOSITION = "composition"
    TERM = "term"
    DESCRIPTION = "description"


@dataclass(frozen=True, slots=True)
class Help:
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class WhoHoldsRole:
    region: str
    group: str
    role: Role
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class GroupMembers:
    region: str
    group: str
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class WhoRepresents:
    region: str
    group: str
    organisation: str  # as the data spells it ("Borås", "SÄS"), or the words of the question
    language: Language = Language.SV
    how_many: bool = False  # "hur många platser har …": the seats, not the people


@dataclass(frozen=True, slots=True)
class PersonGroups:
    """Which groups a person is in, and in what role; `person` None means the asker."""

    person: Person | None
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class NextMeeting:
    region: str
    group: str
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class MyMeetings:
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class MeetingFrequency:
    region: str
    group: str
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class GroupFact:
    region: str
    group: str
    topic: Topic
    text: str
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class Procedure:
    """Anything else about how the collaboration works: answered from the documents."""

    text: str
    region: str
    group: str | None = None
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class MySurveyQuestions:
    """Which of the office's survey questions the asker receives."""

    region: str
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class SurveyOverview:
    """The office's survey as a whole: when, how many questions, who gets which."""

    region: str
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class Municipalities:
    """Which municipalities a region's collaboration covers."""

    region: str
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class NeedsGroup:
    """A role, member or meeting question without a group the bot recognises."""

    role: Role | None
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class Unknown:
    text: str
    language: Language = Language.SV


Question = (
    Help
    | WhoHoldsRole
    | GroupMembers
    | WhoRepresents
    | PersonGroups
    | NextMeeting
    | MyMeetings
    | MeetingFrequency
    | GroupFact
    | Procedure
    | Municipalities
    | MySurveyQuestions
    | SurveyOverview
    | NeedsGroup
    | Unknown
)
