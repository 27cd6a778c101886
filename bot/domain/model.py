"""The governance model: regions, groups, seats, people, memberships, meetings, documents.

Pure data: no Bot Framework, web server or database here. Everything is frozen so the
same objects can be shared between concurrent turns without copying.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[–-]\s*((?:19|20)\d\d)\b")


class GroupKind(StrEnum):
    """What a group is, independent of the name each region gives it."""

    POLITICAL_COUNCIL = "politiskt_samrad"  # DPS / DPSF
    PRESIDIUM = "presidium"
    STEERING_GROUP = "styrgrupp"
    WORKING_COMMITTEE = "arbetsutskott"  # AU
    COMMISSIONED_GROUP = "uppdragsgrupp"  # uppdragsgrupp / delregional utvecklingsgrupp
    LOCAL_MANAGEMENT = "lokal_ledningsgrupp"  # lokal ledningsgrupp / lokal samverkansgrupp
    LOCAL_WORKING = "lokal_arbetsgrupp"  # lokal arbetsgrupp / lokal utvecklingsgrupp
    OFFICE = "kansli"  # Närvårdskontoret / Vårdsamverkans kansli


class Role(StrEnum):
    """A person's role in a group, as the office writes it in the roster."""

    CHAIR = "ordförande"
    VICE_CHAIR = "vice ordförande"
    SECRETARY = "sekreterare"
    MEMBER = "ledamot"
    DEPUTY = "ersättare"
    ADJUNCT = "adjungerad"
    PRESENTER = "föredragande"
    PROJECT_LEADER = "projektledare"
    COORDINATOR = "koordinator"
    OFFICIAL = "tjänsteperson"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a fact comes from: a document and one of its sections."""

    document: str  # Document.key
    section: str  # Section.key


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    number: str  # "4.3" or "" when the document has no numbering
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    key: str
    region: str  # Region.key
    title: str
    period: str  # "2022–2025"
    source_file: str  # the seed it was taken from
    sections: tuple[Section, ...]
    dated: str = ""  # the date printed on the document, "2022-11-17", when it has one
    replaces: str = ""  # Document.key of the version this one replaces (imported documents)
    replaced_by: str = ""  # Document.key of the newer version; answers cite that one

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def ended_before(self, day: date) -> bool:
        """True when the document's period ("2022–2025") ended before `day`'s year. A
        single year ("2020", an annual report) is no period of validity: never ended."""
        match = _PERIOD.search(self.period)
        return match is not None and int(match.group(2)) < day.year


@dataclass(frozen=True, slots=True)
class SeatSpec:
    """A seat as the governing document defines it: whom it represents and its rights."""

    key: str
    organisation: str  # "SÄS", "Borås Stad", "Varje kommun", …
    count: int = 1
    voting: bool = True
    adjunct: bool = False
    note: str = ""
    # "kommun": `count` seats for each municipality ("representant från varje kommun");
    # "" means `count` is the total.
    per: str = ""
    # False when the document names the seat but no number ("Presidiet för …"): then
    # `count` is only a placeholder of 1 and must not be shown as a number.
    count_stated: bool = True


@dataclass(frozen=True, slots=True)
class Rule:
    """A sentence of procedure with its source, e.g. who chairs or where minutes go."""

    text: str
    source: SourceRef
    # What the rule is about, so a dialog can pick one without parsing the sentence:
    # "avtalsperiod", "forlangning", "kostnadsfordelning", "budget", … ("" when untagged).
    topic: str = ""


@dataclass(frozen=True, slots=True)
class MeetingFrequency:
    min_per_year: int | None
    max_per_year: int | None
    text: str  # "fyra gånger per år", "4–6 gånger per år", "vid behov"
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class Group:
    key: str  # unique within its region: "styrgrupp", "dps", "llg-boras"
    region: str  # Region.key
    kind: GroupKind
    name: str  # the region's own name: "Styrgrupp närvård"
    short_name: str = ""  # "DPS", "AU"
    aliases: tuple[str, ...] = ()
    description: Rule | None = None
    seats: tuple[SeatSpec, ...] = ()
    composition: Rule | None = None
    chair: Rule | None = None  # who chairs and how the chair rotates
    secretary: Rule | None = None
    prepared_by: Rule | None = None  # who prepares matters for this group
    prepares_for: str | None = None  # Group.key this group prepares matters for
    commissioned_by: Rule | None = None  # who starts and ends the group
    reports_to: Rule | None = None
    minutes: Rule | None = None  # where minutes are sent and published
    frequency: MeetingFrequency | None = None
    term: Rule | None = None
    parent: str | None = None  # Group.key: AU -> styrgrupp, presidium -> dps
    municipality: str | None = None  # for local groups
    extra: tuple[Rule, ...] = ()
    chair_term_years: int | None = None  # "för två år i taget" -> 2; the `chair` rule says it

    @property
    def label(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


@dataclass(frozen=True, slots=True)
class Region:
    key: str  # "sodra-alvsborg", "fyrbodal", "skaraborg"
    name: str  # "Södra Älvsborg"
    collaboration: str  # "Närvårdssamverkan Södra Älvsborg"
    office_name: str  # "Närvårdskontoret" / "Vårdsamverkans kansli"
    local_group_term: str  # "lokal ledningsgrupp" / "lokal samverkansgrupp"
    municipalities: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    facts: tuple[Rule, ...] = ()  # agreement period, economy, follow-up, …


@dataclass(frozen=True, slots=True)
class Person:
    id: int | None
    name: str
    email: str
    organisation: str = ""
    aad_object_id: str | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    person: Person
    region: str
    group: str  # Group.key
    role: Role
    seat: str = ""  # what the person sits for: "Borås Stad", "SÄS"
    valid_from: date | None = None
    valid_to: date | None = None

    def active_on(self, day: date) -> bool:
        started = self.valid_from is None or self.valid_from <= day
        not_ended = self.valid_to is None or day <= self.valid_to
        return started and not_ended


@dataclass(frozen=True, slots=True)
class Meeting:
    id: int | None
    region: str
    group: str  # Group.key
    start: datetime  # timezone-aware
    end: datetime | None = None
    location: str = ""
    title: str = ""
    agenda_url: str = ""
    teams_url: str = ""
    minutes_url: str = ""
    uid: str = ""  # stable id for imports (iCalendar UID or a hash of the CSV row)
    # A day in the calendar, not a meeting at a time (a planning day, a conference):
    # `start` is local midnight, `end` the next midnight. Never "the next meeting", never
    # noticed or reminded of, never in the notice figures; all-day in the calendar feed.
    all_day: bool = False


@dataclass(frozen=True, slots=True)
class RecipientRule:
    """Who receives a survey question: members of a kind of group, a role in it, or a role anywhere.

    ("Styrgrupp") -> kind only; ("Ordförandena i uppdragsgrupperna") -> kind and role;
    ("Projektledarna") -> role only, in whatever group the person holds it.
    """

    group_kind: GroupKind | None = None  # None: any group
    role: Role | None = None  # None: every member


@dataclass(frozen=True, slots=True)
class SurveyQuestion:
    key: str
    text: str
    recipients: tuple[RecipientRule, ...]
    recipients_text: str  # as the document writes it: "Styrgrupp, DPS och uppdragsgrupper"
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Survey:
    region: str
    months: tuple[int, ...]  # (8, 12)
    sent_by: str
    questions: tuple[SurveyQuestion, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Goal:
    key: str
    year: int
    text: str
    outcome: str
    source: SourceRef


@dataclass(frozen=True, slots=True)
class RegionData:
    """Everything `data/` holds for one region."""

    region: Region
    groups: tuple[Group, ...]
    documents: tuple[Document, ...]
    survey: Survey | None = None
    goals: tuple[Goal, ...] = ()
    office_tasks: tuple[Rule, ...] = ()


@dataclass(frozen=True, slots=True)
class Governance:
    """All regions, loaded once at start-up and shared read-only."""

    regions: tuple[RegionData, ...] = field(default_factory=tuple)

    def region(self, key: str) -> RegionData | None:
        return next((r for r in self.regions if r.region.key == key), None)

    def group(self, region: str, key: str) -> Group | None:
        data = self.region(region)
        if data is None:
            return None
        return next((g for g in data.groups if g.key == key), None)

    def document(self, key: str) -> Document | None:
        for data in self.regions:
            for doc in data.documents:
                if doc.key == key:
                    return doc
        return None
