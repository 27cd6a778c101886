"""Retrieval over the governance passages by meaning and by words together.

The dense half compares the question with every passage in the embedding space of a
multilingual sentence model (multilingual-e5-small): it finds "hur många jobbar på
kansliet" in "Närvårdskontoret består av tre personer" and an English question in a
Swedish document, which shared words never could. The lexical half (`SearchIndex`, BM25
over Swedish terms) keeps exact names, numbers and rare words decisive. Each passage gets
both, normalised to 0..1, and a weighted sum; the embedding model itself is behind the
`Embedder` port, so this module stays pure.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from bot.domain.search.index import SearchIndex
from bot.domain.search.passages import Passage

Vector = npt.NDArray[np.float32]
Matrix = npt.NDArray[np.float32]

# Cosine similarities of e5 sit in a narrow band: unrelated sentences ~0.76-0.82, a
# sentence that answers the question ~0.86-0.93. This maps the band onto 0..1.
DENSE_FLOOR = 0.80
DENSE_SPAN = 0.11
DENSE_WEIGHT = 0.65  # the rest is the lexical confidence
# A question in another language than the documents' sits lower in the band (English
# against Swedish: about 0.05 on the tuning questions); it is lifted by this much.
CROSS_LANGUAGE = 0.05
PROMINENCE_POOL = 50


class Embedder(Protocol):
    """A sentence embedding model: unit vectors, queries and passages embedded apart."""

    @property
    def model(self) -> str: ...

    def queries(self, texts: Sequence[str]) -> Matrix: ...

    def passages(self, texts: Sequence[str]) -> Matrix: ...


def passage_text(passage: Passage) -> str:
    """What the model sees of a passage: its heading gives a bare sentence its subject."""
    return f"{passage.title}: {passage.text}" if passage.title else passage.text


def vector_key(model: str, role: str, text: str) -> str:
    """A vector's cache key: the same model, role and text always give the same vector."""
    return hashlib.sha256(f"{model}\x00{role}\x00{text}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Evidence:
    passage: Passage
    score: float  # 0..1, comparable across questions
    dense: float  # the normalised dense similarity
    lexical: float  # the lexical confidence
    prominence: float = 0.0  # how far its similarity stands above the region's best 50
    matched: tuple[str, ...] = ()  # the question's words the passage holds


class HybridIndex:
    def __init__(self, lexical: SearchIndex, vectors: Matrix) -> None:
        if len(vectors) != len(lexical.passages):
            raise ValueError("one vector per passage")
        self.lexical = lexical
        self._passages = lexical.passages
        self._vectors = vectors
        self._position = {id(p): i for i, p in enumerate(self._passages)}

    @property
    def passages(self) -> tuple[Passage, ...]:
        return self._passages

    def search(
        self,
        query: str,
        vector: Vector | None,
        *,
        region: str | None,
        limit: int = 8,
        cross_language: bool = False,
    ) -> list[Evidence]:
        """The best passages of `region` (all regions: None), best first. Without a vector
        (no model) the lexical half decides alone."""
        lexical = {
            id(h.passage): h
            for h in self.lexical.search(query, region=region, limit=max(limit * 4, 40))
        }
        if vector is None:
            cosine = np.zeros(len(self._passages), dtype=np.float32)
            dense = cosine
        else:
            cosine = self._vectors @ vector
            lift = CROSS_LANGUAGE if cross_language else 0.0
            dense = np.clip((cosine + lift - DENSE_FLOOR) / DENSE_SPAN, 0.0, 1.0)
        prominence = self._prominence(cosine, region)
        found: list[Evidence] = []
        for i, passage in enumerate(self._passages):
            if region is not None and passage.region != region:
                continue
            hit = lexical.get(id(passage))
            lex = hit.confidence if hit else 0.0
            d = float(dense[i])
            weight = DENSE_WEIGHT if vector is not None else 0.0
            score = weight * d + (1 - weight) * lex
            if score > 0:
                matched = hit.matched if hit else ()
                standing = round(float(prominence[i]), 3)
                found.append(
                    Evidence(passage, round(score, 4), round(d, 4), lex, standing, matched)
                )
        found.sort(key=lambda e: (-e.score, e.passage.text))
        return found[:limit]

    def _prominence(self, cosine: Matrix, region: str | None) -> Matrix:
        """Each similarity in standard deviations above the mean of the region's 50 best:
        a passage that stands out answers; one among many alike is a guess."""
        if region is None:
            pool = cosine
        else:
            pool = cosine[[i for i, p in enumerate(self._passages) if p.region == region]]
        best = np.sort(pool)[::-1][:PROMINENCE_POOL]
        if len(best) < 2 or float(best.std()) == 0.0:
            return np.zeros_like(cosine)
        return (cosine - best.mean()) / best.std()
