"""One analysis of a member's text, used by everything that reads a question.

The same `Analyzer` that indexes the documents (`bot.domain.search`) turns the question
into terms: words folded (å/ä/ö), typos repaired against the corpus and the names the bot
knows, compounds split into known parts ("styrgruppsmötet" -> styrgrupp, möte), every
word stemmed. Names (groups, regions, roles, people) are analysed the same way, so a name
is found however it is inflected or misspelt; nothing matches on raw substrings.

Long input is bounded before any of this: a message is cut at `MAX_CHARS` and a word at
`MAX_WORD`, so no message can make the analysis slow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.questions import Language
from bot.domain.search.analysis import Analyzer
from bot.domain.search.words import MAX_QUESTION, MAX_WORD, STOP_WORDS, fold, tokenise
from bot.domain.understanding.answer_type import AnswerType, answer_type

MAX_CHARS = MAX_QUESTION  # a question; longer messages are cut before they are read
REPAIR_FROM = 5  # letters: shorter words are too close to each other to repair

# Function words that only English has: two of them make a question English.
_ENGLISH = frozenset(
    (
        "the",
        "is",
        "are",
        "was",
        "were",
        "who",
        "what",
        "when",
        "where",
        "which",
        "how",
        "does",
        "do",
        "did",
        "of",
        "my",
        "me",
        "you",
        "can",
        "could",
        "should",
        "would",
        "will",
        "to",
        "for",
        "with",
        "about",
        "there",
        "many",
        "much",
        "often",
        "long",
        "next",
        "meet",
        "meets",
        "meeting",
        "chair",
        "chairs",
        "members",
        "sits",
        "sit",
        "am",
        "in",
        "on",
        "at",
    )
)
# The words that only say what kind of answer is wanted ("hur många", "how often"): they
# are the question's shape (see `answer_type`), not what it is about.
_SHAPE = frozenset(
    [
        "manga",
        "ofta",
        "lange",
        "lang",
        "mycket",
        "ganger",
        "gang",
        "datum",
        "tid",
        "many",
        "often",
        "long",
        "much",
        "times",
        "vad",
        "vilken",
        "vilket",
        "vilka",
        "vem",
        "nar",
        "hur",
        "var",
        "vart",
        "varfor",
    ]
)
# The asker speaking of themselves: a closed class of pronouns in both languages.
SELF = frozenset(["jag", "mig", "min", "mitt", "mina", "i", "me", "my", "mine", "myself"])


@dataclass(frozen=True, slots=True)
class Analysed:
    text: str  # as written, bounded
    folded: str  # lower case, å/ä/ö folded, punctuation gone
    words: tuple[str, ...]  # folded words, typos repaired
    terms: tuple[str, ...]  # one term per word, compounds as their parts
    content: frozenset[int]  # positions in `terms` of words that carry meaning
    language: Language
    answer_type: AnswerType
    self_reference: bool  # "mina möten", "my groups"


class TextAnalysis:
    def __init__(self, analyzer: Analyzer, names: Iterable[str] = ()) -> None:
        """`names`: the names questions use (groups, regions, roles); a word that is one
        of them is never taken apart ("styrgruppen" stays whole, not "styr" + "grupp")."""
        self._analyzer = analyzer
        self._name_terms = frozenset(analyzer.term(word) for name in names for word in _words(name))

    @property
    def analyzer(self) -> Analyzer:
        return self._analyzer

    def terms_of(self, phrase: str) -> tuple[str, ...]:
        """A name's terms, as a question's would be: for matching names in questions."""
        return tuple(t for word in _words(phrase) for t in self._word_terms(word))

    def analyse(self, text: str) -> Analysed:
        bounded = text[:MAX_CHARS]
        raw = _words(bounded)
        english = sum(1 for w in raw if w in _ENGLISH)
        language = Language.EN if english >= 2 or raw[:1] in (("who",), ("help",)) else Language.SV
        # Typos are repaired in Swedish only ("vote" is no misspelt "möte") and in words
        # long enough to tell one from another.
        repaired = tuple(
            self._analyzer.repair(word)
            if language is Language.SV and len(word) >= REPAIR_FROM and word not in _PROTECTED
            else word
            for word in raw
        )
        terms: list[str] = []
        content: set[int] = set()
        for word in repaired:
            for term in self._word_terms(word):
                if _carries_meaning(word):
                    content.add(len(terms))
                terms.append(term)
        folded = " ".join(raw)
        mine = any(w in SELF for w in raw if w != "i" or language is Language.EN)
        return Analysed(
            bounded,
            folded,
            repaired,
            tuple(terms),
            frozenset(content),
            language,
            answer_type(folded),
            mine,
        )

    def _word_terms(self, word: str) -> tuple[str, ...]:
        """A name is one term ("styrgruppen"); a compound its known parts
        ("styrgruppsmötet" -> styrgrupp, möte), so both find the name "styrgrupp"."""
        term = self._analyzer.term(word)
        if term in self._name_terms:
            return (term,)
        parts = self._analyzer.split(word)
        return parts if parts else (term,)


# Words of the language itself, never "repaired" into a corpus word ("lång" is no "gång").
_PROTECTED = STOP_WORDS | _ENGLISH | _SHAPE | SELF


def _carries_meaning(word: str) -> bool:
    return (
        len(word) > 1
        and word not in STOP_WORDS
        and word not in _ENGLISH
        and word not in _SHAPE
        and word not in SELF
        and not word.isdigit()
    )


_SEPARATORS = re.compile(r"[-/:]")


def _words(text: str) -> tuple[str, ...]:
    """Folded words, each at most MAX_WORD characters ("DPS-mötet" is two words)."""
    return tuple(fold(word)[:MAX_WORD] for word in tokenise(_SEPARATORS.sub(" ", text)))
