"""How answers put people, seats and lists into words; shared by the kinds of question."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.model import Membership, Role, SeatSpec
from bot.domain.names import fold
from dialogs.texts import Texts

# The order people are listed in: chair first, then the rest as a secretary would.
ROLE_ORDER = {role: i for i, role in enumerate(Role)}


def person_label(membership: Membership) -> str:
    detail = membership.seat or membership.person.organisation
    return f"{membership.person.name} ({detail})" if detail else membership.person.name


def membership_detail(membership: Membership, texts: Texts) -> str:
    role = texts.role_names[membership.role]
    detail = membership.seat or membership.person.organisation
    return f"{role}, {detail}" if detail else role


def seat_row(seat: SeatSpec, texts: Texts) -> tuple[str, str]:
    label = f"{seat.count} × {seat.organisation}" if seat.count > 1 else seat.organisation
    # Only what the document states: an adjunct seat, or a seat without a vote. Where it
    # says nothing about voting, neither does the bot.
    rights = texts.adjunct if seat.adjunct else ("" if seat.voting else texts.no_voting)
    detail = "; ".join(part for part in (rights, seat.note) if part)
    return label, detail or "–"


def names_all(wanted: Sequence[str], text: str) -> bool:
    """Every wanted word begins a word of the text ("socialtjanst" in "Socialtjänst")."""
    words = fold(text).split()
    return bool(wanted) and all(any(w.startswith(x) for w in words) for x in wanted)


def join(parts: Sequence[str], texts: Texts) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {texts.conjunction} " + parts[-1]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
