"""The office's commands, recognised by their leading words (not anywhere in the text).

"koppla kanalen till styrgruppen" binds; "koppla loss kanalen" unbinds; "visa kopplingar"
lists. Only the start of the message counts, so a question that happens to contain the
word "koppla" is still a question.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.names import fold


@dataclass(frozen=True, slots=True)
class BindChannel:
    group_text: str  # the rest of the message: "styrgruppen", "AU i Fyrbodal"


@dataclass(frozen=True, slots=True)
class UnbindChannel:
    pass


@dataclass(frozen=True, slots=True)
class ListBindings:
    pass


Command = BindChannel | UnbindChannel | ListBindings

_BIND_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("koppla", "kanalen", "till"),
    ("koppla", "chatten", "till"),
    ("koppla", "gruppchatten", "till"),
    ("koppla", "till"),
    ("bind", "channel", "to"),
)
_UNBIND_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("koppla", "loss"),
    ("koppla", "bort"),
    ("ta", "bort", "kopplingen"),
    ("unbind",),
)
_LIST_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("visa", "kopplingar"),
    ("visa", "kopplingarna"),
    ("lista", "kopplingar"),
    ("kopplingar",),
    ("list", "bindings"),
)


def read_command(text: str) -> Command | None:
    tokens = fold(text).split()
    for prefix in _BIND_PREFIXES:
        if tuple(tokens[: len(prefix)]) == prefix:
            return BindChannel(" ".join(tokens[len(prefix) :]))
    for prefix in _UNBIND_PREFIXES:
        if tuple(tokens[: len(prefix)]) == prefix:
            return UnbindChannel()
    for prefix in _LIST_PREFIXES:
        if tuple(tokens[: len(prefix)]) == prefix and len(tokens) <= len(prefix) + 1:
            return ListBindings()
    return None
