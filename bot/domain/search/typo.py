"""Typo tolerance: map an unknown word to a known one within a small edit distance.

SymSpell-style: every vocabulary word is stored under each of its one-letter deletions,
and a query word's deletions (one, or two for long words) are looked up in that table.
This finds substitutions, transpositions, one missing and up to two extra letters with
a handful of dict look-ups instead of comparing against the whole vocabulary. Two
substitutions in a long word need two deletions on each side, which the table does not
hold (it would grow tenfold); those fall back to a scan of the few words that share the
first letter and a similar length, bounded by the distance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from bot.domain.search.words import MAX_WORD

LONG_WORD = 8  # from this length two edits are forgiven, below it one
# ... up to this length: the two-edit variants of a word grow with the square of its length,
# and a compound this long is read by its parts anyway (one edit is still forgiven).
LONGEST_TWO_EDITS = 24
_CACHE = 20_000  # corrected words remembered (each at most MAX_WORD characters)


def max_distance(word: str) -> int:
    return 2 if LONG_WORD <= len(word) <= LONGEST_TWO_EDITS else 1


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, or limit + 1 once it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class TypoIndex:
    """Known words (already folded) and how often the corpus uses them."""

    def __init__(self, words: Iterable[tuple[str, int]]) -> None:
        self._frequency: dict[str, int] = {}
        self._corrected: dict[str, tuple[str, int] | None] = {}
        self._by_delete: dict[str, list[str]] = defaultdict(list)
        self._by_shape: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word, count in words:
            if len(word) < 4 or word in self._frequency:
                continue  # three-letter words are too close to everything to correct to
            self._frequency[word] = count
            for deleted in _deletes(word):
                self._by_delete[deleted].append(word)
            if len(word) >= LONG_WORD - 1:
                self._by_shape[(word[0], len(word))].append(word)

    def __contains__(self, word: object) -> bool:
        return word in self._frequency

    def correct(self, word: str) -> tuple[str, int] | None:
        """The closest known word and its distance; the more frequent one on a tie."""
        if len(word) < 4 or len(word) > MAX_WORD:
            return None  # the variants below grow with the cube of the length
        if word in self._corrected:
            return self._corrected[word]
        if len(self._corrected) >= _CACHE:
            self._corrected.clear()  # members' words are unbounded; the cache is not
        found = self._corrected[word] = self._correct(word)
        return found

    def _correct(self, word: str) -> tuple[str, int] | None:
        if word in self._frequency:
            return word, 0
        limit = max_distance(word)
        variants = {word} | _deletes(word)
        if limit == 2:
            variants |= {d2 for d1 in _deletes(word) for d2 in _deletes(d1)}
        candidates: set[str] = set()
        for variant in variants:
            if variant in self._frequency:
                candidates.add(variant)
            candidates.update(self._by_delete.get(variant, ()))
        if not candidates and limit == 2:
            for length in range(len(word) - 2, len(word) + 3):
                candidates.update(self._by_shape.get((word[0], length), ()))
        best: tuple[int, int, str] | None = None
        for candidate in candidates:
            d = distance(word, candidate, limit)
            if d > limit or (d == 2 and len(word) - len(candidate) > 1):
                # Two letters missing is a hurried typist ("protkolen"); two letters too
                # many is another word that contains a known one ("bestämer", "består").
                continue
            key = (d, -self._frequency[candidate], candidate)
            if best is None or key < best:
                best = key
        return None if best is None else (best[2], best[0])
