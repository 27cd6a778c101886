"""The words a question is recognised by, and forgiving ways of finding them.

Tokens are folded (lower case, å/ä/ö -> a/a/o). A word the bot knows is found even when
it is misspelt by one letter, inflected ("styrgruppens", "mötet") or the first or last
part of a compound ("styrgruppsmötet" -> "styrgrupp" + "motet").
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.domain.model import Role
from bot.domain.names import strip_definite

ROLE_PHRASES: tuple[tuple[tuple[str, ...], Role], ...] = (
    (("vice", "ordforande"), Role.VICE_CHAIR),
    (("vice", "ordf"), Role.VICE_CHAIR),
    (("viceordforande",), Role.VICE_CHAIR),
    (("vice", "chair"), Role.VICE_CHAIR),
    (("vice", "chairman"), Role.VICE_CHAIR),
    (("ordforande",), Role.CHAIR),
    (("ordforanden",), Role.CHAIR),
    (("ordf",), Role.CHAIR),
    (("chair",), Role.CHAIR),
    (("chairman",), Role.CHAIR),
    (("chairperson",), Role.CHAIR),
    (("chairs",), Role.CHAIR),
    (("leder",), Role.CHAIR),
    (("skriver", "protokoll"), Role.SECRETARY),
    (("skriver", "protokollen"), Role.SECRETARY),
    (("skriver", "protokollet"), Role.SECRETARY),
    (("for", "protokoll"), Role.SECRETARY),
    (("for", "protokollet"), Role.SECRETARY),
    (("takes", "minutes"), Role.SECRETARY),
    (("takes", "the", "minutes"), Role.SECRETARY),
    (("sekreterare",), Role.SECRETARY),
    (("sekretariatet",), Role.SECRETARY),
    (("sekretariat",), Role.SECRETARY),
    (("secretariat",), Role.SECRETARY),
    (("sekreteraren",), Role.SECRETARY),
    (("sekr",), Role.SECRETARY),
    (("secretary",), Role.SECRETARY),
    (("projektledare",), Role.PROJECT_LEADER),
    (("projektledaren",), Role.PROJECT_LEADER),
)

MEMBER_WORDS = frozenset(
    [
        "vilka",
        "medlemmar",
        "medlemmarna",
        "ledamot",
        "ledamoter",
        "ledamoterna",
        "sammansattning",
        "sammansattningen",
        "sammansatt",
        "platser",
        "plats",
        "seats",
        "seat",
        "sammansatta",
        "ingar",
        "sitter",
        "består",
        "bestar",
        "deltar",
        "members",
        "member",
        "composition",
        "consists",
        "sits",
    ]
)
MEETING_WORDS = frozenset(
    [
        "mote",
        "moten",
        "motet",
        "motena",
        "motes",
        "sammantrade",
        "sammantradet",
        "sammantraden",
        "sammantrader",
        "traffas",
        "mots",
        "motas",
        "traff",
        "ses",
        "moter",
        "meeting",
        "meetings",
        "meet",
        "meets",
    ]
)
NEXT_WORDS = frozenset(["nasta", "kommande", "narmaste", "nar", "next", "upcoming", "when"])
FREQUENCY_WORDS = frozenset(
    [
        "ofta",
        "manga",
        "gang",
        "ganger",
        "ggr",
        "frekvens",
        "frequency",
        "often",
        "times",
        "per",
        "arligen",
    ]
)
GROUP_WORDS = frozenset(["grupper", "grupperna", "grupp", "groups", "group"])
REPRESENT_WORDS = frozenset(
    [
        "representerar",
        "representanter",
        "representanterna",
        "representant",
        "representerat",
        "represents",
        "represent",
    ]
)
HELP_WORDS = frozenset(["hjalp", "help", "meny", "menu", "kommandon", "commands"])
ENGLISH_WORDS = frozenset(
    [
        "who",
        "what",
        "when",
        "where",
        "which",
        "how",
        "is",
        "are",
        "the",
        "in",
        "of",
        "members",
        "help",
        "chair",
        "does",
        "do",
        "sits",
        "meeting",
        "meets",
        "next",
        "my",
        "often",
    ]
)

# Things the bot must never answer from governance documents, however the rest reads:
# pay, the weather, parking, a patient's care. Matched as whole words only.
OUT_OF_SCOPE_WORDS = frozenset(
    [
        "lon",
        "lonen",
        "loner",
        "tjanar",
        "tjana",
        "salary",
        "salaries",
        "earn",
        "earns",
        "paid",
        "vader",
        "vadret",
        "weather",
        "parkera",
        "parkering",
        "parking",
        "parkeringen",
        "medicin",
        "mediciner",
        "medicinen",
        "medication",
        "recept",
        "diagnos",
        "symptom",
    ]
)
SURVEY_WORDS = frozenset(
    ["enkat", "enkaten", "enkatfragor", "enkatfragorna", "enkatfraga", "survey", "questionnaire"]
)
# Asking for a list ("vilka kommuner ingår"), not about the municipalities' share of costs.
LISTING_WORDS = frozenset(
    [
        "vilka",
        "vilken",
        "ingar",
        "omfattar",
        "omfattas",
        "deltar",
        "which",
        "part",
        "included",
        "covered",
        "belong",
    ]
)
# "Vem jobbar på kansliet?": people, when asked with a who-word.
WORK_WORDS = frozenset(["jobbar", "arbetar", "works", "work", "employed", "staff"])
ROLE_WORDS = frozenset(["roll", "rollen", "role"])
MUNICIPALITY_WORDS = frozenset(["kommuner", "kommunerna", "municipalities", "councils"])

# A cue word for a procedural fact of a group. Checked after role and meeting questions.
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "prepared_by": (
        "bereder",
        "bereda",
        "bereds",
        "bereds",
        "forbereder",
        "prepares",
        "prepare",
        "prepared",
        "arenden",
    ),
    "minutes": (
        "protokoll",
        "protokollen",
        "protokollet",
        "minnesanteckningar",
        "minnesanteckningarna",
        "minutes",
        "publiceras",
        "published",
    ),
    "reports_to": (
        "rapporterar",
        "rapportera",
        "aterrapportering",
        "aterrapporterar",
        "report",
        "reports",
        "redovisar",
    ),
    "commissioned_by": (
        "startar",
        "starta",
        "avslutar",
        "avsluta",
        "bildas",
        "tillsatts",
        "tillsatter",
        "starts",
        "ends",
        "formed",
        "closed",
    ),
    "term": ("mandatperiod", "mandattid", "term", "period"),
    # Last: "vad gör kansliet?", "AU:s uppgift", "what does the office do?"
    "description": (
        "gor",
        "uppgift",
        "uppgifter",
        "uppdrag",
        "ansvarar",
        "does",
        "task",
        "tasks",
        "purpose",
    ),
}


def role_in(tokens: tuple[str, ...]) -> Role | None:
    for phrase, role in ROLE_PHRASES:
        if contains(tokens, phrase):
            return role
    return None


def contains(tokens: tuple[str, ...], sequence: tuple[str, ...]) -> bool:
    width = len(sequence)
    if width == 0 or width > len(tokens):
        return False
    return any(tokens[i : i + width] == sequence for i in range(len(tokens) - width + 1))


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Vocabulary:
    """Known words, with one-letter typo correction and compound splitting.

    Corrections use the symmetric-delete idea: a word and a typo of it share a form with
    one letter deleted, so lookup is a few dict probes rather than a scan.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if w)
        self._by_delete: dict[str, set[str]] = {}
        for word in self.words:
            if len(word) >= 5:
                for form in _deletes(word) | {word}:
                    self._by_delete.setdefault(form, set()).add(word)
        self._prefixes = sorted((w for w in self.words if len(w) >= 4), key=len, reverse=True)

    def correct(self, token: str) -> str:
        """The known word the token is, or is one typo away from; else the token itself."""
        if self._known(token) or len(token) < 5 or token.isdigit():
            return token
        candidates: set[str] = set()
        for form in _deletes(token) | {token}:
            candidates |= self._by_delete.get(form, set())
        if len(candidates) == 1:
            return candidates.pop()
        return token

    def split(self, token: str) -> tuple[str, ...]:
        """'styrgruppsmotet' -> ('styrgrupp', 'motet'); unknown compounds stay whole."""
        if self._known(token) or len(token) < 8:
            return (token,)
        for prefix in self._prefixes:
            if token.startswith(prefix) and len(token) - len(prefix) >= 3:
                rest = token[len(prefix) :]
                if rest.startswith("s") and rest[1:] and self._known(rest[1:]):
                    return (prefix, rest[1:])  # the linking s: styrgrupp-s-mötet
                if self._known(rest):
                    return (prefix, rest)
        return (token,)

    def _known(self, word: str) -> bool:
        return word in self.words or strip_definite(word) in self.words


def base_vocabulary() -> set[str]:
    words: set[str] = set()
    for phrase, _ in ROLE_PHRASES:
        words.update(phrase)
    for group in (
        MEMBER_WORDS,
        MEETING_WORDS,
        NEXT_WORDS,
        FREQUENCY_WORDS,
        REPRESENT_WORDS,
        HELP_WORDS,
        GROUP_WORDS,
    ):
        words.update(group)
    for cues in TOPIC_WORDS.values():
        words.update(cues)
    words.update(SURVEY_WORDS)
    words.update(("mote", "moten", "motet", "grupp", "gruppen"))
    return words
