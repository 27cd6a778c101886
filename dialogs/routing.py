"""Routes: what the bot does with a typed command, a pressed card button, or anything else.

The table itself is `dialogs.routes`; this module is the machinery, in the style of Bolt's
`@app.message` / `@app.action`:

- a `Command` is recognised by its leading words only ("koppla kanalen till …"), compared
  case- and å/ä/ö-insensitively, the longest phrase of all commands winning; a question that
  merely contains a command word ("när kommer protokollet?") is still a question;
- an `Action` is a card submit, recognised by the `action` its data declares;
- the fallback answers everything else (members' questions).

Each route says who may use it; an office-only route answers everyone else with a polite
refusal and does nothing. Handlers get a `Turn` (who wrote what, where, when) and return a
`Reply`; none of this knows Teams, HTTP or the Bot Framework.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.domain.model import Person
from bot.domain.names import fold
from bot.domain.ports import ConversationKind
from dialogs.reply import Reply

_LINK = re.compile(r"https?://\S+", re.IGNORECASE)


class Audience(StrEnum):
    EVERYONE = "alla"
    OFFICE = "kansliet"


@dataclass(frozen=True, slots=True)
class SentFile:
    """A file sent with the message (Teams: a personal chat's file, as a download link)."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class Turn:
    """One message or card submit, with who sent it, resolved against the roster."""

    text: str  # mentions removed, white space folded
    conversation_id: str
    kind: ConversationKind
    now: datetime  # from the runtime's clock
    region: str  # the sender's region (roster), else the default region
    person: Person | None = None  # the roster person, when the bot knows who wrote
    upn: str = ""  # e-mail/UPN as Teams knows it
    aad_object_id: str = ""
    sender_name: str = ""  # as Teams shows it
    is_office: bool = False
    channel_name: str = ""
    value: Mapping[str, Any] = field(default_factory=dict)  # a card submit's data
    reply_to_id: str = ""  # the message whose card was submitted
    service_url: str = ""
    files: tuple[SentFile, ...] = ()

    @property
    def by(self) -> str:
        """Who did it, for "bound by", "answered by", an announcement's author."""
        return (self.person.name if self.person else "") or self.upn or self.sender_name

    @property
    def action(self) -> str:
        action = self.value.get("action")
        return action if isinstance(action, str) else ""


CommandHandler = Callable[[Turn, str], Awaitable[Reply]]  # the turn, and the text after
ActionHandler = Callable[[Turn], Awaitable[Reply]]


@dataclass(frozen=True)
class Command:
    name: str
    phrases: tuple[str, ...]  # the leading words, as people write them (first one is shown)
    run: CommandHandler
    audience: Audience = Audience.EVERYONE
    usage: str = ""  # for help: "koppla kanalen till <grupp>"
    summary: str = ""  # for help: what it does
    max_rest: int | None = None  # words allowed after the phrase; None: any
    needs_link: bool = False  # a command only when the text carries a link

    def accepts(self, rest: str) -> bool:
        if self.max_rest is not None and len(fold(rest).split()) > self.max_rest:
            return False
        return not self.needs_link or _LINK.search(rest) is not None


@dataclass(frozen=True)
class Action:
    name: str  # the `action` in the card's submit data
    run: ActionHandler
    audience: Audience = Audience.EVERYONE
    refusal: str = ""  # what others are told; empty: the router's general refusal
    # Answered behind the HTTP answer: the edge stores the submit and says "received" at
    # once. For actions that come in bursts (a survey's answers, all at the same minute),
    # whose reply need not be in the HTTP answer.
    queued: bool = False


@dataclass(frozen=True, slots=True)
class Matched:
    command: Command
    rest: str  # the original text after the phrase, case and links intact


class Router:
    def __init__(
        self,
        refusal: Callable[[str], str],
        unknown_action: str,
        how_to: Callable[[Command], str] = lambda command: command.usage,
    ) -> None:
        self._refusal = refusal  # (what was asked) -> the polite no
        self._unknown_action = unknown_action
        self._how_to = how_to  # a command written bare: what to write instead
        self._commands: list[Command] = []
        self._phrases: list[tuple[tuple[str, ...], Command]] = []
        self._actions: dict[str, Action] = {}
        self._queued: frozenset[str] = frozenset()
        self._fallback: ActionHandler | None = None
        self._files: Action | None = None

    # -- building the table ---------------------------------------------------------------

    def command(self, command: Command) -> None:
        for phrase in command.phrases:
            words = tuple(fold(phrase).split())
            if not words:
                raise ValueError(f"command {command.name!r}: empty phrase {phrase!r}")
            taken = [c.name for w, c in self._phrases if w == words and c is not command]
            if taken:
                raise ValueError(f"phrase {phrase!r} of {command.name!r} is {taken[0]!r}'s")
            self._phrases.append((words, command))
        # Longest phrase first: "rapport kallelser" before a one-word phrase it starts with.
        self._phrases.sort(key=lambda item: -len(item[0]))
        self._commands.append(command)

    def action(self, action: Action) -> None:
        if action.name in self._actions:
            raise ValueError(f"action {action.name!r} is registered twice")
        self._actions[action.name] = action
        if action.queued:
            self._queued = self._queued | {action.name}

    def fallback(self, handler: ActionHandler) -> None:
        self._fallback = handler

    def files(self, route: Action) -> None:
        """What a message with files attached goes to (before the commands)."""
        self._files = route

    @property
    def file_route(self) -> Action | None:
        return self._files

    @property
    def commands(self) -> Sequence[Command]:
        return tuple(self._commands)

    @property
    def actions(self) -> Sequence[Action]:
        return tuple(self._actions.values())

    @property
    def queued_actions(self) -> frozenset[str]:
        """Asked for each card submit at the door: kept, not rebuilt."""
        return self._queued

    # -- answering ------------------------------------------------------------------------

    def match(self, text: str) -> Matched | None:
        """The command `text` starts with, if any; never a command in mid-sentence."""
        spans = [(m.end(), folded) for m in re.finditer(r"\S+", text) if (folded := fold(m[0]))]
        # A word may fold into several ("e-post" -> "e post"): keep each with its end.
        words: list[tuple[str, int]] = [
            (part, end) for end, folded in spans for part in folded.split()
        ]
        tokens = tuple(word for word, _ in words)
        for phrase, command in self._phrases:
            if tokens[: len(phrase)] != phrase:
                continue
            rest = text[words[len(phrase) - 1][1] :].strip()
            if command.accepts(rest):
                return Matched(command, rest)
        return None

    def _bare(self, text: str) -> Command | None:
        """The command whose phrase is the whole text, when it needs more (a link)."""
        tokens = tuple(fold(text).split())
        return next(
            (c for phrase, c in self._phrases if phrase == tokens and c.needs_link and c.usage),
            None,
        )

    async def dispatch(self, turn: Turn) -> Reply:
        if turn.action:
            action = self._actions.get(turn.action)
            if action is None:
                return Reply(self._unknown_action)
            if action.audience is Audience.OFFICE and not turn.is_office:
                return Reply(action.refusal or self._refusal(""))
            return await action.run(turn)
        if turn.files and self._files is not None:
            route = self._files
            if route.audience is Audience.OFFICE and not turn.is_office:
                return Reply(route.refusal or self._refusal(""))
            return await route.run(turn)
        matched = self.match(turn.text)
        if matched is not None:
            command = matched.command
            if command.audience is Audience.OFFICE and not turn.is_office:
                return Reply(self._refusal(command.phrases[0]))
            return await command.run(turn, matched.rest)
        bare = self._bare(turn.text)
        if bare is not None and (bare.audience is Audience.EVERYONE or turn.is_office):
            # "dagordning" alone: the command without its link, not a question about it.
            return Reply(self._how_to(bare))
        if self._fallback is None:
            raise LookupError("the route table has no fallback")
        return await self._fallback(turn)
