"""Reading a member's message into a structured question.

Entities first (region, group, role, person, organisation), found as word sequences in
the folded, typo-corrected and compound-split tokens, never as raw substrings ("AU" does
not match inside "augusti"); then the kind of question from a few cue words. Whatever
is not a structured question goes to the documents as a `Procedure`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.model import Governance, Group, Person, Role
from bot.domain.names import (
    KIND_WORDS,
    fold,
    group_names,
    region_names,
    strip_definite,
    variants,
)
from bot.domain.questions import (
    GroupFact,
    GroupMembers,
    Help,
    Language,
    MeetingFrequency,
    Municipalities,
    MyMeetings,
    MySurveyQuestions,
    NeedsGroup,
    NextMeeting,
    PersonGroups,
    Procedure,
    Question,
    SurveyOverview,
    Topic,
    Unknown,
    WhoHoldsRole,
    WhoRepresents,
)
from bot.domain.words import (
    ENGLISH_WORDS,
    FREQUENCY_WORDS,
    GROUP_WORDS,
    HELP_WORDS,
    LISTING_WORDS,
    MEETING_WORDS,
    MEMBER_WORDS,
    MUNICIPALITY_WORDS,
    NEXT_WORDS,
    OUT_OF_SCOPE_WORDS,
    REPRESENT_WORDS,
    ROLE_WORDS,
    SURVEY_WORDS,
    TOPIC_WORDS,
    WORK_WORDS,
    Vocabulary,
    base_vocabulary,
    contains,
    role_in,
)

_SV_MY = frozenset({"mina", "min", "mitt", "jag", "mig"})
# Small words between the parts of a name: "ledningsgruppen i Mark", "the steering group".
_FILLERS = frozenset({"i", "for", "pa", "inom", "in", "of", "the", "a"})
_CHAIRS = frozenset({Role.CHAIR, Role.VICE_CHAIR})
# Words that leave a question about a group's members ("vilka i AU?", "who is in AU?").
_PLAIN = frozenset({"vilka", "vem", "who", "is", "are", "ar", "med", "sitter"})
# A capitalised name after "i", "in", "på", "för": a place or body the question is about.
_NAMED_PLACE = re.compile(r"\b(?:i|in|på|pa|för|for|at)\s+([A-ZÅÄÖ][\wåäöÅÄÖéü-]+)")
_EN_MY = frozenset({"my", "i", "me", "mine"})


@dataclass(frozen=True, slots=True)
class Tokens:
    words: tuple[str, ...]  # folded, corrected, compounds split
    stems: tuple[str, ...]  # the same without definite/genitive endings
    language: Language

    def has(self, words: frozenset[str] | tuple[str, ...]) -> bool:
        return any(w in words for w in self.words) or any(s in words for s in self.stems)

    def contains(self, sequence: tuple[str, ...]) -> bool:
        return contains(self.words, sequence) or contains(self.stems, sequence)


class QuestionReader:
    """Built once per Governance and shared between turns."""

    def __init__(self, governance: Governance) -> None:
        self._governance = governance
        self._regions = {
            d.region.key: [tuple(n.split()) for n in region_names(d.region)]
            for d in governance.regions
        }
        self._groups: dict[str, list[tuple[tuple[str, ...], Group]]] = {}
        self._starts: dict[str, dict[str, list[tuple[tuple[str, ...], tuple[str, ...], Group]]]]
        self._starts = {}
        vocabulary = base_vocabulary()
        for data in governance.regions:
            entries = [(tuple(n.split()), g) for g in data.groups for n in group_names(g)]
            entries.sort(key=lambda entry: -len(entry[0]))  # longest name wins
            self._groups[data.region.key] = entries
            # By first word, both orders for two-word names: a lookup per token, not a scan.
            starts: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], Group]]] = {}
            for sequence, group in entries:
                forms = {sequence, sequence[::-1]} if len(sequence) == 2 else {sequence}
                for form in forms:
                    starts.setdefault(form[0], []).append((form, sequence, group))
            self._starts[data.region.key] = starts
            for sequence, _ in entries:
                vocabulary.update(sequence)
            for sequence in self._regions[data.region.key]:
                vocabulary.update(sequence)
            vocabulary.update(fold(m) for m in data.region.municipalities)
        self._vocabulary = Vocabulary(vocabulary)
        self._generic = {v for words in KIND_WORDS.values() for w in words for v in variants(w)}
        # Every word the data uses: a capitalised name outside it is a place or body the
        # bot knows nothing about ("i Göteborg"), and the question is declined.
        self._known_words = set(vocabulary)
        for data in governance.regions:
            for document in data.documents:
                for section in document.sections:
                    self._known_words.update(fold(section.title + " " + section.text).split())

    def tokens(self, text: str) -> Tokens:
        raw = fold(text).split()
        words: list[str] = []
        for token in raw:
            words.extend(self._vocabulary.split(self._vocabulary.correct(token)))
        english = sum(1 for t in raw if t in ENGLISH_WORDS)
        language = Language.EN if english >= 2 or raw[:1] in (["who"], ["help"]) else Language.SV
        return Tokens(tuple(words), tuple(strip_definite(w) for w in words), language)

    def read(self, text: str, region: str, people: Sequence[Person] = ()) -> Question:
        tokens = self.tokens(text)
        language = tokens.language
        if not tokens.words or (len(tokens.words) <= 3 and tokens.has(HELP_WORDS)):
            return Help(language)
        if tokens.has(OUT_OF_SCOPE_WORDS) or self._unknown_place(text, people):
            return Unknown(text, language)
        named_region = self._named_region(tokens)
        region = named_region or region
        match = self._ranked_group(tokens, region)
        group = match[1] if match else None
        if match is not None and named_region is None and not match[0][0]:
            # Only a generic word ("kansliet") here, while another region's own name is
            # used ("Vårdsamverkans kansli"): the question is about that region.
            specific = [g for g in self._groups_elsewhere(tokens, region)]
            better = self._ranked_group(tokens, specific[0].region) if len(specific) == 1 else None
            if better is not None and better[0] > match[0]:
                group, region = better[1], better[1].region
        if group is None:
            elsewhere = self._groups_elsewhere(tokens, region)
            if elsewhere and named_region is not None:
                return Unknown(text, language)  # "Skaraborgs DPS": no such group there
            if len(elsewhere) == 1:
                group, region = elsewhere[0], elsewhere[0].region  # "DPSF" is Fyrbodal's
        my = tokens.has(_SV_MY) or (language is Language.EN and tokens.has(_EN_MY))
        if tokens.has(MUNICIPALITY_WORDS) and group is None and tokens.has(LISTING_WORDS):
            return Municipalities(region, language)
        if tokens.has(SURVEY_WORDS) and my:
            return MySurveyQuestions(region, language)
        how_many_questions = tokens.contains(("hur", "manga", "fragor")) or tokens.contains(
            ("how", "many", "questions")
        )
        if tokens.has(SURVEY_WORDS) and (how_many_questions or tokens.has(LISTING_WORDS)):
            return SurveyOverview(region, language)  # "vilka frågor har enkäten?"
        person = _named_person(tokens, people, self._vocabulary.words)
        if person is not None and not tokens.has(MEETING_WORDS):
            return PersonGroups(person, language)  # "Vad gör Nils Nämndsson i DPS?"
        if my and tokens.has(ROLE_WORDS):
            return PersonGroups(None, language)  # "Vad har jag för roll i styrgruppen?"
        topic = _topic(tokens) if group is not None else None
        if topic is Topic.DESCRIPTION and tokens.has(MEETING_WORDS):
            topic = None  # "when does AU meet": "does" is not "what does AU do"
        who = tokens.has(frozenset({"vem", "vilka", "who"}))
        if group is not None and who and tokens.has(WORK_WORDS) and topic is None:
            return GroupMembers(region, group.key, language)

        if tokens.has(MEETING_WORDS) and topic is None:
            if group is not None and tokens.has(frozenset({"vem", "who"})):
                return Procedure(text, region, group.key, language)  # "vem kallar till mötet"
            if tokens.has(FREQUENCY_WORDS) and not tokens.has(NEXT_WORDS):
                return (
                    MeetingFrequency(region, group.key, language)
                    if group
                    else NeedsGroup(None, language)
                )
            if group is not None:
                return NextMeeting(region, group.key, language)
            return (
                MyMeetings(language) if my or tokens.has(NEXT_WORDS) else NeedsGroup(None, language)
            )
        if tokens.has(GROUP_WORDS) and group is None:
            person = _named_person(tokens, people, self._vocabulary.words)
            if person is not None or my:
                return PersonGroups(person, language)
        role = role_in(tokens.words) or role_in(tokens.stems)
        if group is not None and role is not None:
            return WhoHoldsRole(region, group.key, role, language)
        organisation = self._named_organisation(tokens, region)
        if organisation is None and group is not None and named_region is None:
            # "norra delregionala nämnden i DPS": a body only one region has decides it.
            for key in self._groups:
                other = self._named_group(tokens, key) if key != region else None
                found = self._named_organisation(tokens, key) if other else None
                if other is not None and found is not None:
                    region, group, organisation = key, other, found
                    break
        if group is not None and organisation is None and tokens.has(REPRESENT_WORDS):
            organisation = self._leftover(tokens, group) or None  # "socialtjänsten"
        how_many = tokens.contains(("hur", "manga")) or tokens.contains(("how", "many"))
        asks_people = tokens.has(REPRESENT_WORDS) or tokens.has(MEMBER_WORDS)
        if group is not None and organisation and (asks_people or "for" in tokens.words):
            return WhoRepresents(region, group.key, organisation, language, how_many)
        if group is not None:
            asks_what = tokens.words[:2] in (("vad", "ar"), ("what", "is"))
            if (
                topic is None
                and asks_what
                and set(self._leftover(tokens, group).split())
                <= {
                    "vad",
                    "what",
                }
            ):
                topic = Topic.DESCRIPTION  # "vad är AU?": what the group is
            if topic is not None:
                return GroupFact(region, group.key, topic, text, language)
            if tokens.has(MEMBER_WORDS) or self._only_names(tokens, group):
                return GroupMembers(region, group.key, language)
        if role is not None:
            only = self._only_group_with_rule(region, role)
            if only is not None and not who:
                return GroupFact(
                    region,
                    only.key,
                    Topic.CHAIR if role in _CHAIRS else Topic.SECRETARY,
                    text,
                    language,
                )
            if who:
                return NeedsGroup(role, language)
        return Procedure(text, region, group.key if group else None, language)

    def locate_group(self, text: str, region: str) -> Group | None:
        """The group a phrase names ("AU i Fyrbodal", "styrgruppen"), in `region` by default."""
        tokens = self.tokens(text)
        return self._named_group(tokens, self._named_region(tokens) or region)

    def named_region(self, text: str) -> str | None:
        return self._named_region(self.tokens(text))

    def _named_region(self, tokens: Tokens) -> str | None:
        for key, sequences in self._regions.items():
            if any(tokens.contains(seq) for seq in sequences):
                return key
        return None

    def _named_group(self, tokens: Tokens, region: str) -> Group | None:
        match = self._ranked_group(tokens, region)
        return match[1] if match else None

    def _ranked_group(self, tokens: Tokens, region: str) -> tuple[tuple[bool, int], Group] | None:
        """The most specific group named: a group's own name beats a kind word ("lokala
        ledningsgruppen" fits every local group; "ledningsgruppen i Mark" fits one).
        Two-word names count in either order ("Marks ledningsgrupp")."""
        starts = self._starts.get(region, {})
        best: tuple[tuple[bool, int], Group] | None = None
        for line in (tokens.words, tokens.stems):
            kept = tuple(t for t in line if t not in _FILLERS)
            for i, token in enumerate(kept):
                for form, sequence, group in starts.get(token, ()):
                    if kept[i : i + len(form)] == form:
                        rank = (" ".join(sequence) not in self._generic, len(sequence))
                        if best is None or rank > best[0]:
                            best = (rank, group)
        return best

    def _groups_elsewhere(self, tokens: Tokens, region: str) -> list[Group]:
        """Groups of other regions the question names; the most specific name wins."""
        found = [
            (rank, group)
            for key in self._groups
            if key != region and (match := self._ranked_group(tokens, key)) is not None
            for rank, group in (match,)
        ]
        if not found:
            return []
        best = max(rank for rank, _ in found)
        return [group for rank, group in found if rank == best]

    def _only_group_with_rule(self, region: str, role: Role) -> Group | None:
        """ "Hur länge sitter ordföranden?": the one group of the region with such a rule."""
        data = self._governance.region(region)
        if data is None:
            return None
        field = "chair" if role in _CHAIRS else "secretary" if role is Role.SECRETARY else ""
        having = [g for g in data.groups if field and getattr(g, field) is not None]
        return having[0] if len(having) == 1 else None

    def _only_names(self, tokens: Tokens, group: Group) -> bool:
        """True when the question is just the group's name ("AU?", "who is in AU?")."""
        return not self._leftover(tokens, group)

    def _leftover(self, tokens: Tokens, group: Group) -> str:
        """The question's words besides the group's and region's names and small words."""
        names = {w for n in group_names(group) for w in n.split()}
        names |= {w for seqs in self._regions.values() for seq in seqs for w in seq}
        ignored = _FILLERS | _PLAIN | REPRESENT_WORDS
        rest = [
            stem
            for word, stem in zip(tokens.words, tokens.stems, strict=True)
            if word not in names and stem not in names and word not in ignored
        ]
        return " ".join(rest)

    def _unknown_place(self, text: str, people: Sequence[Person]) -> bool:
        names = {w for p in people for w in fold(p.name).split()}
        for match in _NAMED_PLACE.finditer(text):
            for word in fold(match.group(1)).split():  # "DPS-mötena" is two words
                known = word in self._known_words or strip_definite(word) in self._known_words
                if not known and word not in names and self._vocabulary.correct(word) == word:
                    return True
        return False

    def _named_organisation(self, tokens: Tokens, region: str) -> str | None:
        """A municipality or seat organisation named in the question, as the data spells it."""
        data = self._governance.region(region)
        if data is None:
            return None
        spelled = list(data.region.municipalities)
        for group in data.groups:
            spelled.extend(seat.organisation for seat in group.seats)
        names: dict[str, str] = {}
        for name in spelled:
            folded = fold(name)
            names.setdefault(folded, name)
            first = folded.split()[0] if folded else ""
            # "Borås" names "Borås Stad": a distinctive first word counts on its own.
            if len(first) >= 4:
                names.setdefault(first, name.split()[0])
        for folded in sorted(names, key=len, reverse=True):
            if folded and tokens.contains(tuple(folded.split())):
                return names[folded]
        return None


# Who gives a group its assignment: phrases, as "uppdrag" alone is about what a group does.
_COMMISSION_PHRASES = (
    ("ge", "uppdrag"),
    ("ger", "uppdrag"),
    ("ges", "uppdrag"),
    ("uppdrag", "ges"),
    ("vems", "uppdrag"),
    ("pa", "uppdrag"),
)


def _topic(tokens: Tokens) -> Topic | None:
    if any(tokens.contains(phrase) for phrase in _COMMISSION_PHRASES):
        return Topic.COMMISSIONED_BY
    for topic, cues in TOPIC_WORDS.items():
        if tokens.has(cues):
            return Topic(topic)
    return None


def _named_person(
    tokens: Tokens, people: Sequence[Person], common: frozenset[str] = frozenset()
) -> Person | None:
    """A roster person named in full, or by a surname only one person has.

    A surname that is also a word of the domain ("Ordförande") counts only in full.
    """
    full = [p for p in people if p.name and tokens.contains(tuple(fold(p.name).split()))]
    if len(full) == 1:
        return full[0]
    by_surname: dict[str, list[Person]] = {}
    for person in people:
        parts = fold(person.name).split()
        if len(parts) >= 2 and len(parts[-1]) >= 4 and parts[-1] not in common:
            by_surname.setdefault(parts[-1], []).append(person)
    for word in tokens.words:
        matches = by_surname.get(word, [])
        if len(matches) == 1:
            return matches[0]
    return None
