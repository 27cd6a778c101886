"""BM25 retrieval over the governance passages, with a confidence a caller can threshold.

Okapi BM25 (k1 = 1.2, b = 0.75) over a few hundred passages, our own implementation: an
inverted index from term to (passage, weighted term frequency). A passage's title (its
group's or section's name) counts `TITLE_BOOST` times, so "ordförande" in a passage of
the styrgrupp ranks above the same word in a passage that only mentions the styrgrupp.

A question is a list of concepts (see `analysis`); a passage scores, per concept, the
best of that concept's alternative terms, so a synonym or a typo's correction never
counts twice. The confidence mixes two ratios against what the question could at most
get: the passage's BM25 score over the score of a passage holding every concept once
(capped at 1), and the idf-weighted share of the question's concepts it holds at all. A
word the corpus has never seen ("väder", "parkerar") counts in that share at 1.5 times the
rarest term's idf, so a question about something else stays unconfident however well its
one familiar word ("sjukhuset") matches. Hits are ranked by that confidence, then by BM25:
a passage answering every word of the question beats one repeating two of them.

Timings on the real data (three regions, 381 passages), measured on the shared 2-core
AMD EPYC development VM with other jobs running: building the index 40-70 ms in a fresh
process (half of it analysing the texts, a fifth the typo table, a tenth cutting the
passages); a query 0.15-0.2 ms median, the slowest test question 0.9 ms (several long
words the corpus does not know, each looked up for typos). `test_build_and_query_are_fast`
asserts < 200 ms and < 2 ms on average.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.model import Governance
from bot.domain.search.analysis import Analyzer, Concept
from bot.domain.search.passages import Passage, passages

__all__ = ["Hit", "Passage", "SearchIndex"]

K1 = 1.2
B = 0.75
TITLE_BOOST = 2.0
UNKNOWN_WEIGHT = 1.5
SCORE_SHARE = 0.4  # of the confidence; the rest is the share of concepts matched


@dataclass(frozen=True, slots=True)
class Hit:
    passage: Passage
    score: float  # BM25, comparable only within one question
    confidence: float  # 0..1, comparable across questions: see CONFIDENT
    matched: tuple[str, ...] = ()  # the question's words the passage answers to


class SearchIndex:
    """Read-only after `build` (the analyser's caches only grow): share it between turns."""

    def __init__(
        self,
        analyzer: Analyzer,
        passages: list[Passage],
        postings: dict[str, list[tuple[int, float]]],
    ) -> None:
        self._analyzer = analyzer
        self._passages = passages
        self._postings = postings
        n = len(passages)
        self._idf = {
            term: math.log(1 + (n - len(docs) + 0.5) / (len(docs) + 0.5))
            for term, docs in postings.items()
        }
        # A word no passage holds counts for more than the rarest word of all: it is the
        # best evidence that the question is about something the documents do not cover.
        self._unknown_idf = UNKNOWN_WEIGHT * math.log(1 + (n - 0.5) / 1.5)

    @classmethod
    def build(cls, governance: Governance, vocabulary: Iterable[str] = ()) -> SearchIndex:
        """The index of every passage. `vocabulary`: more words the analysis must know for
        typo repair and compounds (names, the words questions are asked with), which no
        passage is indexed by."""
        found = passages(governance)
        analyzer = Analyzer([*(p.text for p in found), *(p.title for p in found), *vocabulary])
        bodies = [analyzer.weighted_terms(p.text) for p in found]
        titles = [analyzer.weighted_terms(p.title) for p in found]
        lengths = [
            sum(w for _, w in body) + sum(w for _, w in title)
            for body, title in zip(bodies, titles, strict=True)
        ]
        average = sum(lengths) / max(len(lengths), 1)
        weighted: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
        for doc, (body, title) in enumerate(zip(bodies, titles, strict=True)):
            for term, weight in body:
                weighted[term][doc] += weight
            for term, weight in title:
                weighted[term][doc] += TITLE_BOOST * weight
        # Fold BM25's length normalisation into the postings now: a query then only adds.
        postings: dict[str, list[tuple[int, float]]] = {}
        for term, docs in weighted.items():
            entries = []
            for doc, tf in docs.items():
                norm = K1 * (1 - B + B * lengths[doc] / average)
                entries.append((doc, tf * (K1 + 1) / (tf + norm)))
            postings[term] = entries
        return cls(analyzer, found, postings)

    @property
    def analyzer(self) -> Analyzer:
        """The analysis the index was built with, for explaining a question's terms."""
        return self._analyzer

    @property
    def passages(self) -> tuple[Passage, ...]:
        return tuple(self._passages)

    def concepts(self, query: str) -> list[Concept]:
        return self._analyzer.concepts(query)

    def in_region(self, concept: Concept, region: str) -> bool | None:
        """Whether any passage of the region has one of the concept's terms; None when no
        passage anywhere has them (an unknown word says nothing about the region)."""
        known = [t for t in concept.terms if t in self._idf]
        if not known:
            return None
        return any(
            self._passages[doc].region == region for t in known for doc, _ in self._postings[t]
        )

    def rarity(self, concept: Concept) -> float:
        """How specific a concept is: the idf of its best known term (unknown words: high)."""
        known = [self._idf[t] for t in concept.terms if t in self._idf]
        return max(known) if known else self._unknown_idf

    def search(self, query: str, *, region: str | None, limit: int = 5) -> list[Hit]:
        """The best passages for a question, best first; [] when it has no content words."""
        concepts = self._analyzer.concepts(query)
        if not concepts or limit <= 0:
            return []
        scores: dict[int, float] = defaultdict(float)
        shares: dict[int, float] = defaultdict(float)
        matched: dict[int, list[str]] = defaultdict(list)
        possible = 0.0
        for concept in concepts:
            best: dict[int, tuple[float, float]] = {}  # doc -> (score, idf share)
            ceiling = 0.0
            # A synonym may be rarer than the word written ("ordförandeskapet" for
            # "ordförande") but must not count for more: its idf is capped at the word's.
            cap = self._idf.get(concept.alternatives[0][0], math.inf)
            for term, weight in concept.alternatives:
                idf = self._idf.get(term)
                if idf is None:
                    continue
                idf = min(idf, cap)
                ceiling = max(ceiling, weight * idf)
                for doc, tf_part in self._postings[term]:
                    if region is not None and self._passages[doc].region != region:
                        continue
                    value = weight * idf * tf_part
                    if doc not in best or value > best[doc][0]:
                        best[doc] = (value, weight * idf)
            ceiling = ceiling or self._unknown_idf
            possible += concept.weight * ceiling
            for doc, (value, share) in best.items():
                scores[doc] += concept.weight * value
                shares[doc] += concept.weight * share
                matched[doc].append(concept.word)
        hits: list[Hit] = []
        for doc, score in scores.items():
            score_ratio = min(1.0, score / possible)
            coverage = min(1.0, shares[doc] / possible)
            confidence = SCORE_SHARE * score_ratio + (1 - SCORE_SHARE) * coverage
            words = tuple(dict.fromkeys(matched[doc]))
            hits.append(Hit(self._passages[doc], score, round(confidence, 4), words))
        # Confidence first: a passage holding every word of the question beats one that
        # holds two of them often or in its title. BM25 then orders the equally complete.
        hits.sort(key=lambda h: (-h.confidence, -h.score, h.passage.text))
        return hits[:limit]
