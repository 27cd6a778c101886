"""A read-through cache in front of the roster, for the hot path of a chat turn.

The roster changes only through imports (a separate process), so a member's question need
not cost two database round trips: answers are at most `ttl` seconds behind an import.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import TypeVar

from bot.domain.model import Membership, Person
from bot.domain.ports import RosterStore

T = TypeVar("T")

_MAX_ENTRIES = 10_000


class CachedRoster:
    def __init__(self, inner: RosterStore, *, ttl: float = 30.0) -> None:
        self._inner = inner
        self._ttl = ttl
        self._entries: dict[tuple[object, ...], tuple[float, object]] = {}

    async def person_by_aad(self, aad_object_id: str) -> Person | None:
        return await self._inner.person_by_aad(aad_object_id)

    async def person_by_email(self, email: str) -> Person | None:
        return await self._inner.person_by_email(email)

    async def link_aad(self, person_id: int, aad_object_id: str) -> None:
        await self._inner.link_aad(person_id, aad_object_id)
        self._entries.clear()

    async def memberships_of_group(self, region: str, group: str, on: date) -> Sequence[Membership]:
        return await self._cached(
            ("group", region, group, on),
            lambda: self._inner.memberships_of_group(region, group, on),
        )

    async def memberships_of_person(self, person_id: int, on: date) -> Sequence[Membership]:
        return await self._cached(
            ("person", person_id, on), lambda: self._inner.memberships_of_person(person_id, on)
        )

    async def people(self) -> Sequence[Person]:
        # Read on every question (to recognise names), so cached like the rest.
        return await self._cached(("people",), self._inner.people)

    def clear(self) -> None:
        self._entries.clear()

    async def _cached(
        self, key: tuple[object, ...], load: Callable[[], Awaitable[Sequence[T]]]
    ) -> Sequence[T]:
        hit = self._entries.get(key)
        now = time.monotonic()
        if hit is not None and now - hit[0] < self._ttl:
            return hit[1]  # type: ignore[return-value]
        value = tuple(await load())
        if len(self._entries) >= _MAX_ENTRIES:
            self._entries.clear()
        self._entries[key] = (now, value)
        return value
