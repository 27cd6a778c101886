"""Names kept in their order of preference, found by their first term.

The entity finder checks a question against every name of every group, organisation and
person; most share no word with it. Indexing names by their first term (every term of a
name must be in the question for it to match) leaves only the few worth checking, in the
same order, so "the longest name first" still holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class NameIndex(Generic[T]):
    def __init__(self, entries: Iterable[T], terms_of: Callable[[T], tuple[str, ...]]) -> None:
        self._entries = [entry for entry in entries if terms_of(entry)]
        self._terms = [frozenset(terms_of(entry)) for entry in self._entries]
        self._by_first: dict[str, list[int]] = {}
        for position, entry in enumerate(self._entries):
            # Every term must be in the question, so its first one must, in either order.
            self._by_first.setdefault(terms_of(entry)[0], []).append(position)

    def __iter__(self) -> Iterator[T]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def candidates(self, terms: Iterable[str]) -> list[T]:
        """The entries whose every term is in `terms`, in their order (where and in which
        order they stand is for the caller to check)."""
        present = frozenset(terms)
        positions: set[int] = set()
        for term in present:
            positions.update(self._by_first.get(term, ()))
        return [self._entries[p] for p in sorted(positions) if self._terms[p] <= present]
