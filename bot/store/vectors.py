"""Text embeddings kept by content hash, so every instance and every restart reuses them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
from sqlalchemy import select

from bot.store.dialect import insert
from bot.store.engine import Sessions
from bot.store.tables import TextVectorRow

_BATCH = 500  # keys per IN (…) query


class SqlVectorStore:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def get_many(self, keys: Sequence[str]) -> dict[str, npt.NDArray[np.float32]]:
        found: dict[str, npt.NDArray[np.float32]] = {}
        async with self._sessions.read() as session:
            for start in range(0, len(keys), _BATCH):
                rows = await session.execute(
                    select(TextVectorRow.key, TextVectorRow.vector).where(
                        TextVectorRow.key.in_(keys[start : start + _BATCH])
                    )
                )
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype="<f4").copy()
        return found

    async def put_many(self, model: str, vectors: Mapping[str, npt.NDArray[np.float32]]) -> None:
        if not vectors:
            return
        now = self._sessions.now()
        values = [
            {
                "key": key,
                "model": model,
                "dimensions": int(vector.shape[0]),
                "vector": np.asarray(vector, dtype="<f4").tobytes(),
                "created_at": now,
            }
            for key, vector in vectors.items()
        ]
        stmt = insert(self._sessions.dialect, TextVectorRow).on_conflict_do_nothing(
            index_elements=["key"]
        )
        async with self._sessions.write() as session:
            await session.execute(stmt, values)
