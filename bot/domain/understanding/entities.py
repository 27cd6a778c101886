"""The names in a question: regions, groups, roles, people, organisations, years.

Names are data (the governance files, the roster), matched as whole term sequences of the
one text analysis (`text.TextAnalysis`), so "styrgruppens", "styrgrupen" and
"styrgruppsmötet" all name the styrgrupp, and "AU" never matches inside "augusti". Which
kind of question it is, is decided elsewhere, by evidence; this module only says what the
question names and which of its words those names account for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.domain.model import Governance, Group, Person, Role
from bot.domain.names import KIND_WORDS, fold, group_names, region_names, variants
from bot.domain.understanding.name_index import NameIndex
from bot.domain.understanding.text import Analysed, TextAnalysis

# Small words between the parts of a name: "ledningsgruppen i Mark", "the steering group".
FILLERS = frozenset({"i", "for", "pa", "inom", "in", "of", "the", "a", "s"})

# The roles people hold, as members write them. Data of the domain, like group names.
ROLE_NAMES: tuple[tuple[str, Role], ...] = (
    ("vice ordförande", Role.VICE_CHAIR),
    ("vice ordf", Role.VICE_CHAIR),
    ("viceordförande", Role.VICE_CHAIR),
    ("vice chair", Role.VICE_CHAIR),
    ("vice chairman", Role.VICE_CHAIR),
    ("deputy chair", Role.VICE_CHAIR),
    ("ordförande", Role.CHAIR),
    ("ordf", Role.CHAIR),
    ("chair", Role.CHAIR),
    ("chairman", Role.CHAIR),
    ("chairperson", Role.CHAIR),
    ("chairs", Role.CHAIR),
    ("leder", Role.CHAIR),  # "vem leder presidiet?": who chairs it
    ("leds", Role.CHAIR),
    ("leads", Role.CHAIR),
    ("heads", Role.CHAIR),
    ("sekreterare", Role.SECRETARY),
    ("sekr", Role.SECRETARY),
    ("secretary", Role.SECRETARY),
    ("projektledare", Role.PROJECT_LEADER),
    ("project leader", Role.PROJECT_LEADER),
    ("koordinator", Role.COORDINATOR),
    ("coordinator", Role.COORDINATOR),
    ("ersättare", Role.DEPUTY),
    ("substitute", Role.DEPUTY),
    ("deputy member", Role.DEPUTY),
    ("föredragande", Role.PRESENTER),
)

_CAPITALISED_PLACE = re.compile(r"\b(?:i|in|på|pa|för|for|at|från|from)\s+([A-ZÅÄÖ][\wåäöÅÄÖéü-]+)")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True, slots=True)
class Found:
    """What a question names. `named` holds the positions (in `Analysed.terms`) of every
    term a name accounts for, so the rest shows what the question asks about them."""

    region: str | None = None  # a region the question names
    group: Group | None = None  # the group it names (in its region)
    group_is_generic: bool = False  # named only by a kind word: "styrgruppen"
    elsewhere: tuple[Group, ...] = ()  # groups of other regions it names
    role: Role | None = None
    person: Person | None = None
    organisation: str | None = None  # as the data spells it
    unknown_place: str | None = None  # "i Göteborg": a place or body the data lacks
    years: tuple[str, ...] = ()
    named: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class _Name:
    terms: tuple[str, ...]
    specific: bool = True


@dataclass(frozen=True, slots=True)
class _RosterNames:
    """The roster's names, worked out once per roster (a new sequence when it changes)."""

    people: Sequence[Person]
    full: NameIndex[Person]
    by_surname: dict[str, list[Person]]  # a surname's term: who has it
    words: frozenset[str]  # every word of every name, for telling a name from a place


class EntityFinder:
    """Built once per Governance (and text analysis) and shared between turns."""

    def __init__(self, governance: Governance, analysis: TextAnalysis) -> None:
        self._governance = governance
        self._analysis = analysis
        generic = {v for words in KIND_WORDS.values() for w in words for v in variants(w)}
        self._roles = [(analysis.terms_of(name), role) for name, role in ROLE_NAMES]
        self._roles.sort(key=lambda entry: -len(entry[0]))
        self._regions = {
            d.region.key: [_Name(analysis.terms_of(n)) for n in region_names(d.region)]
            for d in governance.regions
        }
        self._role_index = NameIndex(self._roles, lambda entry: entry[0])
        self._region_index = NameIndex(
            [(name, key) for key, names in self._regions.items() for name in names],
            lambda entry: entry[0].terms,
        )
        self._groups: dict[str, NameIndex[tuple[_Name, Group]]] = {}
        self._organisations: dict[str, NameIndex[tuple[tuple[str, ...], str]]] = {}
        for data in governance.regions:
            entries = [
                (_Name(analysis.terms_of(n), n not in generic), g)
                for g in data.groups
                for n in group_names(g)
            ]
            entries.sort(key=lambda entry: -len(entry[0].terms))  # the longest name first
            self._groups[data.region.key] = NameIndex(entries, lambda entry: entry[0].terms)
        for data in governance.regions:
            self._organisations[data.region.key] = NameIndex(
                self._organisation_names(data), lambda entry: entry[0]
            )
        self._known_words = self._vocabulary()
        self._people_terms: dict[str, tuple[str, ...]] = {}
        self._roster: _RosterNames | None = None
        self._names_of_group = {
            (g.region, g.key): [n.terms for n, g2 in self._groups[g.region] if g2 is g]
            for data in governance.regions
            for g in data.groups
        }

    # -- the question ---------------------------------------------------------------------

    def find(self, analysed: Analysed, region: str, people: Sequence[Person] = ()) -> Found:
        terms = analysed.terms
        named: set[int] = set()
        named_region = self._named_region(terms, named)
        here = named_region or region
        match = self._best_group(terms, here)
        group, generic = (match[1], not match[0][0]) if match else (None, False)
        elsewhere = self._elsewhere(terms, here)
        if group is not None and generic and named_region is None:
            # Only a kind word ("kansliet") here, while another region's own name is used
            # ("Vårdsamverkans kansli"): the question is about that region.
            specific = [g for g in elsewhere if g.region != here]
            better = self._best_group(terms, specific[0].region) if len(specific) == 1 else None
            if better is not None and better[0] > match[0]:  # type: ignore[index]
                group, generic = better[1], False
        elif group is None and len(elsewhere) == 1 and named_region is None:
            group = elsewhere[0]  # "DPSF" is Fyrbodal's
        if group is not None:
            self._mark(terms, self._names_of_group[(group.region, group.key)], named)
        role = self._role(terms, named)
        person = self._person(terms, people, named)
        organisation = self._organisation(terms, group.region if group else here, named)
        if organisation is None and group is not None and named_region is None:
            # "norra delregionala nämnden i DPS": a body only one region has decides it.
            for key in self._groups:
                other = self._best_group(terms, key) if key != group.region else None
                found = self._organisation(terms, key, set()) if other else None
                if other is not None and found is not None:
                    group, organisation = other[1], found
                    self._organisation(terms, key, named)
                    break
        if named_region is not None and group is None:
            # "Skaraborgs DPS": a kind of group the named region does not have.
            elsewhere = self._elsewhere(terms, here, generic=True)
        return Found(
            region=named_region,
            group=group,
            group_is_generic=generic,
            elsewhere=tuple(g for g in elsewhere if group is None or g.region != group.region),
            role=role,
            person=person,
            organisation=organisation,
            unknown_place=self._unknown_place(analysed.text, people),
            years=tuple(_YEAR.findall(analysed.text)),
            named=frozenset(named),
        )

    def locate_group(self, text: str, region: str) -> Group | None:
        """The group a phrase names ("AU i Fyrbodal", "styrgruppen"), in `region` by default."""
        terms = self._analysis.analyse(text).terms
        named_region = self._named_region(terms, set())
        match = self._best_group(terms, named_region or region)
        return match[1] if match else None

    def named_region(self, text: str) -> str | None:
        return self._named_region(self._analysis.analyse(text).terms, set())

    # -- names ----------------------------------------------------------------------------

    def _named_region(self, terms: tuple[str, ...], named: set[int]) -> str | None:
        for names, key in self._region_index.candidates(terms):
            if self._mark(terms, [names.terms], named):
                return key
        return None

    def _best_group(
        self, terms: tuple[str, ...], region: str
    ) -> tuple[tuple[bool, int], Group] | None:
        """The most specific group named: a group's own name beats a kind word ("lokala
        ledningsgruppen" fits every local group; "ledningsgruppen i Mark" fits one)."""
        best: tuple[tuple[bool, int], Group] | None = None
        index = self._groups.get(region)
        for name, group in index.candidates(terms) if index is not None else ():
            if _occurs(terms, name.terms) is not None:
                rank = (name.specific, len(name.terms))
                if best is None or rank > best[0]:
                    best = (rank, group)
        return best

    def _elsewhere(
        self, terms: tuple[str, ...], region: str, *, generic: bool = False
    ) -> list[Group]:
        """Groups of other regions named by a name of their own (not a kind word), or by
        any name (`generic`)."""
        found = []
        for key in self._groups:
            if key == region:
                continue
            match = self._best_group(terms, key)
            if match is not None and (match[0][0] or generic):
                found.append(match)
        if not found:
            return []
        best = max(rank for rank, _ in found)
        return [group for rank, group in found if rank == best]

    def _role(self, terms: tuple[str, ...], named: set[int]) -> Role | None:
        for role_terms, role in self._role_index.candidates(terms):
            if self._mark(terms, [role_terms], named):
                return role
        return None

    def _person(
        self, terms: tuple[str, ...], people: Sequence[Person], named: set[int]
    ) -> Person | None:
        """A roster person named in full, or by a surname only one person has and that is
        no word of the domain ("Ordförande" is the test persons' surname too)."""
        roster = self._roster_names(people)
        full = [
            p for p in roster.full.candidates(terms) if _occurs(terms, self._name_terms(p.name))
        ]
        if len(full) == 1:
            self._mark(terms, [self._name_terms(full[0].name)], named)
            return full[0]
        for position, term in enumerate(terms):
            matches = roster.by_surname.get(term, [])
            if len(matches) == 1:
                named.add(position)
                return matches[0]
        return None

    def _organisation(self, terms: tuple[str, ...], region: str, named: set[int]) -> str | None:
        index = self._organisations.get(region)
        for name_terms, spelled in index.candidates(terms) if index is not None else ():
            at = _occurs(terms, name_terms, reversible=False)
            if at is not None:
                named.update(at)
                return spelled
        return None

    def _unknown_place(self, text: str, people: Sequence[Person]) -> str | None:
        """A capitalised name after "i", "för", … that no data of the bot knows."""
        names = self._roster_names(people).words
        for match in _CAPITALISED_PLACE.finditer(text):
            for word in fold(match.group(1).lower()).replace("-", " ").split():
                if word in names or word in self._known_words:
                    continue
                if self._analysis.analyzer.repair(word) != word:
                    continue  # a typo of a known word
                if self._analysis.terms_of(word)[0] in self._known_terms:
                    continue
                return match.group(1)
        return None

    # -- building -------------------------------------------------------------------------

    def _organisation_names(self, data: object) -> list[tuple[tuple[str, ...], str]]:
        region = data  # RegionData
        spelled = list(region.region.municipalities)  # type: ignore[attr-defined]
        for group in region.groups:  # type: ignore[attr-defined]
            spelled.extend(seat.organisation for seat in group.seats)
        names: dict[tuple[str, ...], str] = {}
        for name in spelled:
            terms = self._analysis.terms_of(name)
            if terms and not self._is_name(terms):
                names.setdefault(terms, name)
            first = fold(name.lower()).split()[0] if name.strip() else ""
            # "Borås" names "Borås Stad": a distinctive first word counts on its own, unless
            # it is a group's word ("Styrgruppens ordförande" is a seat, not "styrgruppen").
            first_terms = self._analysis.terms_of(first)
            region_words = {t for names in self._regions.values() for n in names for t in n.terms}
            if (
                len(first) >= 4
                and not self._is_name(first_terms)
                and not (set(first_terms) & region_words)
            ):
                names.setdefault(self._analysis.terms_of(first), name.split()[0])
        return sorted(names.items(), key=lambda item: -len(item[0]))

    def _is_name(self, terms: tuple[str, ...]) -> bool:
        """Whether terms are a group's, a region's or a role's name ("Fyrbodals",
        "Styrgruppens", "Ordförande"): such a seat is no organisation of its own."""
        groups = (n.terms for entries in self._groups.values() for n, _ in entries)
        regions = (n.terms for names in self._regions.values() for n in names)
        roles = (role_terms for role_terms, _ in self._roles)
        return any(terms == other for other in (*groups, *regions, *roles))

    def _vocabulary(self) -> frozenset[str]:
        words: set[str] = set()
        for data in self._governance.regions:
            for name in region_names(data.region):
                words.update(name.split())
            for group in data.groups:
                for name in group_names(group):
                    words.update(name.split())
            words.update(fold(m.lower()) for m in data.region.municipalities)
            for document in data.documents:
                for section in document.sections:
                    words.update(fold(f"{section.title} {section.text}".lower()).split())
        words.update(w for name, _ in ROLE_NAMES for w in fold(name).split())
        self._known_terms = frozenset(self._analysis.terms_of(" ".join(sorted(words))))
        return frozenset(words)

    def _surname_term(self, name: str) -> str | None:
        """The term of a person's surname when it can name them alone: at least four
        letters and no word of the domain (worked out once per roster, in `_roster_names`)."""
        parts = fold(name).split()
        usable = len(parts) >= 2 and len(parts[-1]) >= 4 and parts[-1] not in self._known_words
        return self._name_terms(parts[-1])[0] if usable else None

    def _roster_names(self, people: Sequence[Person]) -> _RosterNames:
        if self._roster is None or self._roster.people is not people:
            by_surname: dict[str, list[Person]] = {}
            for person in people:
                surname = self._surname_term(person.name)
                if surname is not None:
                    by_surname.setdefault(surname, []).append(person)
            self._roster = _RosterNames(
                people,
                NameIndex(people, lambda p: self._name_terms(p.name) if p.name else ()),
                by_surname,
                frozenset(w for p in people for w in fold(p.name.lower()).split()),
            )
        return self._roster

    def _name_terms(self, name: str) -> tuple[str, ...]:
        cached = self._people_terms.get(name)
        if cached is None:
            cached = self._people_terms[name] = self._analysis.terms_of(name)
        return cached

    def _mark(
        self, terms: tuple[str, ...], candidates: Iterable[tuple[str, ...]], named: set[int]
    ) -> bool:
        for candidate in candidates:
            at = _occurs(terms, candidate)
            if at is not None:
                named.update(at)
                return True
        return False


def _occurs(
    terms: tuple[str, ...], name: tuple[str, ...], *, reversible: bool = True
) -> tuple[int, ...] | None:
    """The positions where `name` stands in `terms`, fillers between its words allowed;
    a two-word name also in the other order ("Marks ledningsgrupp")."""
    if not name or any(word not in terms for word in name):
        return None  # the common case, decided before anything is built
    kept = [(i, t) for i, t in enumerate(terms) if t not in FILLERS or t in name]
    words = [t for _, t in kept]
    forms = [name, name[::-1]] if len(name) == 2 and reversible else [name]
    for form in forms:
        width = len(form)
        for start in range(len(words) - width + 1):
            if tuple(words[start : start + width]) == form:
                return tuple(kept[start + k][0] for k in range(width))
    return None
