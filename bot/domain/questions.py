"""Reading a member's message into a structured question.

This is the first, deliberately small reader: help, who holds a role in a group, and who
sits in a group. It works on folded tokens (case and å/ä/ö forgiven, genitives dropped)
and looks group names up as word sequences, never as raw substrings of the text, so
"AU" does not match inside "augusti".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.model import Governance, Group, Role
from bot.domain.names import fold, group_names, region_names, strip_definite


class Language(StrEnum):
    SV = "sv"
    EN = "en"


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
class NeedsGroup:
    """A role or member question without a group the bot recognises."""

    role: Role | None
    language: Language = Language.SV


@dataclass(frozen=True, slots=True)
class Unknown:
    text: str
    language: Language = Language.SV


Question = Help | WhoHoldsRole | GroupMembers | NeedsGroup | Unknown

_ROLE_PHRASES: tuple[tuple[tuple[str, ...], Role], ...] = (
    (("vice", "ordforande"), Role.VICE_CHAIR),
    (("vice", "ordf"), Role.VICE_CHAIR),
    (("viceordforande",), Role.VICE_CHAIR),
    (("vice", "chair"), Role.VICE_CHAIR),
    (("ordforande",), Role.CHAIR),
    (("ordf",), Role.CHAIR),
    (("ordforanden",), Role.CHAIR),
    (("chair",), Role.CHAIR),
    (("chairman",), Role.CHAIR),
    (("chairperson",), Role.CHAIR),
    (("sekreterare",), Role.SECRETARY),
    (("sekreteraren",), Role.SECRETARY),
    (("secretary",), Role.SECRETARY),
    (("foredragande",), Role.PRESENTER),
    (("projektledare",), Role.PROJECT_LEADER),
)
_MEMBER_WORDS = frozenset(
    {
        "vilka",
        "medlemmar",
        "medlemmarna",
        "ledamoter",
        "ledamoterna",
        "sammansattning",
        "sammansattningen",
        "ingar",
        "members",
        "composition",
        "who's",
    }
)
_HELP_WORDS = frozenset({"hjalp", "help", "meny", "menu", "kommandon", "commands"})
_ENGLISH_WORDS = frozenset(
    {"who", "what", "is", "the", "in", "of", "members", "help", "chair", "which", "sits"}
)


class QuestionReader:
    """Turns text into a Question; built once per Governance and shared between turns."""

    def __init__(self, governance: Governance) -> None:
        self._governance = governance
        self._region_names = {
            data.region.key: _token_sequences(region_names(data.region))
            for data in governance.regions
        }
        self._group_names: dict[str, list[tuple[tuple[str, ...], Group]]] = {}
        for data in governance.regions:
            entries = [(seq, g) for g in data.groups for seq in _token_sequences(group_names(g))]
            # Longest names first, so "presidiet dps" wins over "dps".
            entries.sort(key=lambda entry: -len(entry[0]))
            self._group_names[data.region.key] = entries

    def read(self, text: str, region: str) -> Question:
        tokens = tuple(fold(text).split())
        language = _language(tokens)
        if not tokens or (len(tokens) <= 3 and _HELP_WORDS & set(tokens)):
            return Help(language)
        region = self._named_region(tokens) or region
        group = self._named_group(tokens, region)
        role = _role(tokens)
        if role is not None:
            if group is None:
                return NeedsGroup(role, language)
            return WhoHoldsRole(region, group.key, role, language)
        if _MEMBER_WORDS & set(tokens) or {"who", "sits"} <= set(tokens):
            if group is None:
                return NeedsGroup(None, language)
            return GroupMembers(region, group.key, language)
        if group is not None and len(tokens) <= 3:
            return GroupMembers(region, group.key, language)
        if _HELP_WORDS & set(tokens):
            return Help(language)
        return Unknown(text, language)

    def locate_group(self, text: str, region: str) -> Group | None:
        """The group a phrase names ("AU i Fyrbodal", "styrgruppen"), in `region` by default."""
        tokens = tuple(fold(text).split())
        return self._named_group(tokens, self._named_region(tokens) or region)

    def _named_region(self, tokens: tuple[str, ...]) -> str | None:
        for key, sequences in self._region_names.items():
            if any(_contains(tokens, seq) for seq in sequences):
                return key
        return None

    def _named_group(self, tokens: tuple[str, ...], region: str) -> Group | None:
        stemmed = tuple(strip_definite(t) for t in tokens)
        for sequence, group in self._group_names.get(region, ()):
            if _contains(tokens, sequence) or _contains(stemmed, sequence):
                return group
        return None


def _token_sequences(names: set[str]) -> list[tuple[str, ...]]:
    return [tuple(name.split()) for name in names if name]


def _contains(tokens: tuple[str, ...], sequence: tuple[str, ...]) -> bool:
    width = len(sequence)
    return any(tokens[i : i + width] == sequence for i in range(len(tokens) - width + 1))


def _role(tokens: tuple[str, ...]) -> Role | None:
    for phrase, role in _ROLE_PHRASES:
        if _contains(tokens, phrase):
            return role
    return None


def _language(tokens: tuple[str, ...]) -> Language:
    english = sum(1 for t in tokens if t in _ENGLISH_WORDS)
    return Language.EN if english >= 2 or tokens[:1] in (("who",), ("help",)) else Language.SV
