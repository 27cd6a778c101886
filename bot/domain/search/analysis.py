"""Swedish text analysis for lexical retrieval: tokens, stems, compounds, synonyms, typos.

Every word ends up as a *term*: the Snowball Swedish stem of the word as written, with
å/ä/ö folded afterwards ("sammanträder" -> "sammantrad"). Stemming before folding keeps
the stemmer's suffix rules intact; folding after makes "sammantrader", typed without
å/ä/ö, meet it. For a folded word the corpus itself contains, the term is looked up
rather than re-stemmed, so both spellings agree even where the stemmer would not.

Compounds are split against the corpus's own words ("styrgruppsmötet" -> styrgrupp +
möte, over the linking -s-); the whole word is kept as well, so an exact compound still
scores highest. A question becomes a list of `Concept`s: one per content word, each a
set of alternative terms (synonyms, glosses of English words, a typo's correction), of
which a passage gets credit for the best one it contains.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.search.lexicon import ENGLISH, SAME_TERM, SYNONYMS
from bot.domain.search.typo import TypoIndex
from bot.domain.search.words import (
    MAX_QUESTION,
    MAX_WORD,
    STOP_WORDS,
    content,
    fold,
    pairs,
    phrase_at,
    stem,
    tokenise,
)

__all__ = ["Analyzer", "Concept", "fold", "stem", "tokenise"]

_SPLIT_CACHE = 20_000  # words; each at most MAX_WORD characters
MIN_PART = 3  # shortest compound part ("tid" in "avtalstid")
MIN_COMPOUND = 7  # shorter words are not worth splitting
SYNONYM_WEIGHT = 0.9  # a synonym is nearly, not quite, the word the member wrote
PART_WEIGHT = 0.5  # each part of a compound the index knows as a whole
UNKNOWN_PART_WEIGHT = 0.75  # each part of a compound the corpus never uses whole
TYPO_WEIGHT = {1: 0.8, 2: 0.6}


@dataclass(frozen=True, slots=True)
class Concept:
    """One thing the question asks about, and the terms that would show a passage has it."""

    word: str  # as the member wrote it (folded), for explanations and tests
    alternatives: tuple[tuple[str, float], ...]  # (term, weight), best first
    weight: float = 1.0

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(t for t, _ in self.alternatives)


class Analyzer:
    """Text analysis that knows the corpus: its words, for compounds and typo repair.

    Built from the corpus; `weighted_terms` then analyses each passage and remembers
    which terms the index holds, which `concepts` needs to decide when to split or repair.
    """

    def __init__(self, corpus: Iterable[str]) -> None:
        # Each distinct text is analysed once: the same words serve learning and indexing.
        self._content: dict[str, list[tuple[str, str]]] = {}
        counts: Counter[tuple[str, str]] = Counter()
        for text in corpus:
            if text not in self._content:
                self._content[text] = content(text)
            counts.update(self._content[text])
        self._same = {stem(a): stem(b) for a, b in SAME_TERM.items()}
        self._surface: dict[str, str] = {}  # folded word -> term
        folded_counts: Counter[str] = Counter()
        for (word, folded), n in counts.most_common():
            self._surface.setdefault(folded, self._canon(stem(word)))
            folded_counts[folded] += n
        self._stems = {t for t in self._surface.values() if len(t) >= MIN_PART}
        heads = {w for w in self._surface if len(w) >= MIN_PART}
        self._heads = heads | {t for t in self._stems if len(t) >= MIN_PART + 1}
        self._typos = TypoIndex(folded_counts.items())
        self.known: set[str] = set()
        self._split_cache: dict[str, tuple[str, ...]] = {}
        self._words: dict[str, list[tuple[str, float]]] = {}  # word -> its weighted terms
        self._synonyms = self._synonym_table()

    # -- words -------------------------------------------------------------------------

    def _canon(self, term: str) -> str:
        return self._same.get(term, term)

    def knows(self, folded: str) -> bool:
        """Whether the corpus (or the vocabulary given) uses this folded word as it is."""
        return folded in self._surface

    def repair(self, folded: str) -> str:
        """The folded word, or the known word it is a typo of (one or two edits, by length);
        words of three letters or fewer, numbers and known words are left as they are."""
        if len(folded) < 4 or folded.isdigit() or folded in self._surface:
            return folded
        if folded in STOP_WORDS:
            return folded
        fixed = self._typos.correct(folded)
        return fixed[0] if fixed is not None else folded

    def term(self, word: str) -> str:
        """The index term of one word, written with or without å/ä/ö."""
        return self._surface.get(fold(word)) or self._canon(stem(word))

    def _part_term(self, part: str) -> str:
        return self._surface.get(part) or self._canon(part)

    def _final(self, tail: str) -> str | None:
        """The term of a compound's last part, if it is a word the corpus uses."""
        if tail in STOP_WORDS:
            return None
        if tail in self._surface:
            return self._surface[tail]
        base = stem(tail)
        if base not in self._stems:
            base = stem(base)  # "-ena" is two endings to Snowball: "mötena" -> "möten" -> "möt"
        # An inflection of a corpus word, but not a participle ("förande" is no "föra").
        plausible = len(tail) - len(base) <= 4 and not tail.endswith(("ande", "ende"))
        return self._canon(base) if base in self._stems and plausible else None

    def _head(self, head: str) -> str | None:
        if head in STOP_WORDS:
            return None
        if head in self._heads:
            return self._part_term(head)
        if head.endswith("s") and head[:-1] in self._heads and len(head) > MIN_PART + 1:
            return self._part_term(head[:-1])  # the linking -s-: lednings|grupp
        return None

    def split(self, word: str) -> tuple[str, ...]:
        """Terms of the fewest known parts that make up a folded word; () if none do."""
        if len(word) < MIN_COMPOUND or len(word) > MAX_WORD:
            return ()
        # Only grows, and the recursion is on strictly shorter tails: two turns filling
        # the same entry at once compute the same value, so sharing needs no lock.
        cached = self._split_cache.get(word)
        if cached is None:
            if len(self._split_cache) >= _SPLIT_CACHE:
                self._split_cache.clear()  # members' words are unbounded; the cache is not
            cached = self._split_cache[word] = self._split(word)
        return cached

    def _split(self, word: str) -> tuple[str, ...]:
        best: tuple[str, ...] = ()
        best_key = (99, 0)
        for i in range(MIN_PART, len(word) - MIN_PART + 1):
            head = self._head(word[:i])
            if head is None:
                continue
            tail_word = word[i:]
            tail = self._final(tail_word)
            parts: tuple[str, ...] = (head, tail) if tail else ()
            if not parts and len(tail_word) >= 2 * MIN_PART:
                rest = self.split(tail_word)
                parts = (head, *rest) if rest else ()
            # Fewest parts first, then the longest parts: "styrgrupp|s|mötet", not "styr|…".
            key = (len(parts), -sum(len(p) ** 2 for p in parts))
            if parts and key < best_key:
                best, best_key = parts, key
        return best

    # -- documents ---------------------------------------------------------------------

    def document_terms(self, text: str) -> list[str]:
        """Terms of a passage: every content word's term, plus its compound parts."""
        return [term for term, _ in self.weighted_terms(text)]

    def weighted_terms(self, text: str) -> list[tuple[str, float]]:
        """Terms with the weight their occurrence counts: a compound's parts count
        `PART_WEIGHT`, so "uppdrag" standing alone outranks the one in "uppdragsgruppens"."""
        words = self._content.get(text)
        if words is None:
            words = self._content[text] = content(text)
        out: list[tuple[str, float]] = []
        for word, folded in words:
            analysed = self._words.get(word)
            if analysed is None:
                term = self._surface.get(folded) or self._canon(stem(word))
                parts = [(part, PART_WEIGHT) for part in self._all_parts(folded, term)]
                analysed = self._words[word] = [(term, 1.0), *parts]
                self.known.update(t for t, _ in analysed)
            out.extend(analysed)
        return out

    def _all_parts(self, folded: str, term: str) -> list[str]:
        parts: list[str] = []
        pending = [p for p in self.split(folded) if p != term]
        while pending:
            part = pending.pop()
            if part not in parts:
                parts.append(part)
                pending.extend(p for p in self.split(part) if p != part)
        return parts

    # -- questions ---------------------------------------------------------------------

    def _synonym_table(self) -> dict[str, tuple[str, ...]]:
        table: dict[str, list[str]] = {}
        for group in SYNONYMS:
            members = [self._phrase_terms(m) for m in group]
            for member in members:
                if len(member) == 1:
                    others = [t for m in members for t in m if t != member[0]]
                    table.setdefault(member[0], []).extend(others)
        return {k: tuple(dict.fromkeys(v)) for k, v in table.items()}

    def _phrase_terms(self, phrase: str) -> list[str]:
        return [self.term(word) for word, _ in content(phrase)]

    def concepts(self, question: str) -> list[Concept]:
        """The content of a question as concepts; stop words and chat words dropped."""
        words = pairs(question[:MAX_QUESTION])
        folded = [f for _, f in words]
        concepts: list[Concept] = []
        i = 0
        while i < len(words):
            english = self._english_at(folded, i)
            if english is not None:
                concepts.append(english[0])
                i += english[1]
                continue
            phrase = phrase_at(folded, i)
            if phrase is not None:
                concepts.extend(self._word_concepts(phrase[0], fold(phrase[0])))
                i += phrase[1]
                continue
            concepts.extend(self._word_concepts(*words[i]))
            i += 1
        return concepts

    def _english_at(self, folded: list[str], i: int) -> tuple[Concept, int] | None:
        for size in (3, 2, 1):
            phrase = " ".join(folded[i : i + size])
            if i + size <= len(folded) and phrase in ENGLISH:
                terms = [t for swedish in ENGLISH[phrase] for t in self._phrase_terms(swedish)]
                return self._expanded(phrase, dict.fromkeys(terms, 1.0)), size
        return None

    def _word_concepts(self, word: str, folded: str) -> list[Concept]:
        if folded in STOP_WORDS:
            return []
        term = self.term(word)
        known = term in self.known
        parts = self.split(folded) if len(folded) >= MIN_COMPOUND else ()
        parts = tuple(p for p in parts if p != term)
        if not known and not parts and term not in self._synonyms:
            fixed = self._typos.correct(folded)
            if fixed is not None and fixed[1] > 0:
                corrected = self.term(fixed[0])
                return [self._expanded(folded, {corrected: TYPO_WEIGHT[fixed[1]]})]
        out = [self._expanded(folded, {term: 1.0})] if known or not parts else []
        part_weight = PART_WEIGHT if known else UNKNOWN_PART_WEIGHT
        for part in dict.fromkeys(parts):
            alternatives = {part: 1.0, term: 1.0} if known else {part: 1.0}
            out.append(self._expanded(folded, alternatives, part_weight))
        return out

    def _expanded(self, word: str, terms: dict[str, float], weight: float = 1.0) -> Concept:
        """The concept with every term's synonyms added, at a slightly lower weight."""
        alternatives = dict(terms)
        for term, w in terms.items():
            for synonym in self._synonyms.get(term, ()):
                if synonym not in alternatives:
                    alternatives[synonym] = w * SYNONYM_WEIGHT
        ordered = sorted(alternatives.items(), key=lambda item: -item[1])
        return Concept(word, tuple(ordered), weight)
