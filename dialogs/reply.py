"""What a turn answers, independent of Teams: text, an optional card, suggested questions."""

from __future__ import annotations

from dataclasses import dataclass, field

from dialogs.cards import Card


@dataclass(frozen=True)
class Reply:
    text: str  # always set: the card's fallback and what the terminal chat prints
    card: Card | None = None
    suggestions: tuple[str, ...] = field(default_factory=tuple)
    # True when the bot says it does not know (an out-of-scope or unclear question): the
    # benchmark counts these as declined, and the member is offered to ask the office.
    declined: bool = False
