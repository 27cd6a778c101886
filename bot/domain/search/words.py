"""Words: tokens, å/ä/ö folding, stems, fixed phrases and stop words.

The corpus-independent half of the analysis; `analysis` adds what needs the corpus
(compounds, typos, synonyms resolved to the corpus's terms).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

from bot.domain.search.lexicon import ENGLISH_STOP_WORDS, PHRASES, SWEDISH_STOP_WORDS

_TOKEN = re.compile(r"[0-9a-zåäöéèüæø]+")
# Characters. A longer run of letters is no word of Swedish or English (the longest in the
# governing documents has 29) and is dropped: every later step (typo repair, compound
# splitting, caches) then works on words of bounded length, so no text can make it slow.
MAX_WORD = 40
MAX_QUESTION = 1000  # characters of a question that are read; members are told when more
_FOLD = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a", "ø": "o"}
)
_STEMMER = snowballstemmer.stemmer("swedish")
STOP_WORDS = SWEDISH_STOP_WORDS | ENGLISH_STOP_WORDS
_PHRASE_STARTS = frozenset(key[0] for key in PHRASES)


def fold(word: str) -> str:
    return word.translate(_FOLD)


def tokenise(text: str) -> list[str]:
    """Lower-case words as written (å/ä/ö kept), punctuation and markup dropped."""
    return [
        w for w in _TOKEN.findall(unicodedata.normalize("NFC", text).lower()) if len(w) <= MAX_WORD
    ]


def pairs(text: str) -> list[tuple[str, str]]:
    """Each word as written and folded. Folding maps letter to letter, so the folded text
    splits into the same words: one `translate` per text instead of one per word."""
    lowered = unicodedata.normalize("NFC", text).lower()
    words = _TOKEN.findall(lowered)
    folded = _TOKEN.findall(fold(lowered))
    if len(folded) != len(words):  # not expected; keep the per-word way to be safe
        folded = [fold(w) for w in words]
    return [(w, f) for w, f in zip(words, folded, strict=True) if len(w) <= MAX_WORD]


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The folded Snowball stem, with the definite -et and -ium it leaves alone.

    Snowball's Swedish rules have no "-et", so "arbetsutskottet", "kansliet" and
    "protokollet" would never meet their bare forms; the ending is dropped when the
    stemmer removed nothing but a genitive -s, and kept on short words ("budget") and on
    "-itet" ("kvalitet"), where it is part of the stem.
    """
    stemmed = fold(_STEMMER.stemWord(word))
    definite = word.translate(_FOLD) in (stemmed, stemmed + "s") and stemmed.endswith("et")
    if definite and len(stemmed) > 6 and not stemmed.endswith("itet"):
        return stem(word[:-3] if word.endswith("s") else word[:-2])  # "-tt" -> "-t" again
    # "kansliet"/"kansli", "presidiet"/"presidium", and neuter adjectives: "lokalt" -> "lokal".
    for suffix, replacement in (("iets", "i"), ("iet", "i"), ("ium", "i"), ("alt", "al")):
        if stemmed.endswith(suffix) and len(stemmed) > len(suffix) + 2:
            return stemmed[: -len(suffix)] + replacement
    return stemmed


def phrase_at(folded: list[str], i: int) -> tuple[str, int] | None:
    """The fixed phrase starting at word i, as its one-word meaning and its length."""
    if folded[i] not in _PHRASE_STARTS:
        return None
    for size in (3, 2):
        key = tuple(folded[i : i + size])
        if len(key) == size and key in PHRASES:
            return PHRASES[key], size
    return None


def content(text: str) -> list[tuple[str, str]]:
    """Content words as (written, folded): fixed phrases joined, stop words dropped."""
    words = pairs(text)
    folded = [f for _, f in words]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        phrase = phrase_at(folded, i)
        if phrase is not None:
            out.append((phrase[0], fold(phrase[0])))
            i += phrase[1]
            continue
        if folded[i] not in STOP_WORDS:
            out.append(words[i])
        i += 1
    return out
