"""What Teams can send, checked before anything reads an activity.

The Bot Framework schema says little about sizes and botbuilder's deserializer trusts its
input, so a malformed or hostile body could reach the turn (and the database) as odd types,
over-long ids, NUL bytes or lone surrogates. Here the body is checked against what Teams
really sends, without recursion (a deeply nested body cannot exhaust the stack):

- the shape: nesting at most `MAX_DEPTH` levels, at most `MAX_NODES` values, integers
  that fit 53 bits (JSON's safe range; SQLite stores 64), no NaN or infinity;
- the fields the bot reads, by type and length: ids up to 512 characters with no control
  characters (refused: an id is never shortened, two would become one); display names are
  cut at 256 characters, as Teams allows;
- every string: NUL bytes removed and lone surrogates replaced with U+FFFD, so text is
  valid UTF-8 for both databases and for the reply.

`checked` returns the cleaned body or raises `Invalid` with the Swedish reason for the 400.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from msrest.exceptions import DeserializationError
from msrest.serialization import Deserializer

MAX_DEPTH = 32
MAX_NODES = 20_000
MAX_ID = 512  # Teams channel thread ids with ;messageid= run to a few hundred characters
MAX_NAME = 256  # Teams' own limit for team, channel and display names
MAX_SHORT = 64  # types, channel ids, tenant and AAD ids, locales, times
MAX_URL = 2048
MAX_TEXT = 100_000  # a Teams message holds about 28 KB; the body itself is capped at 1 MiB
MAX_ITEMS = 64  # entities, attachments, members added in one activity
SAFE_INTEGER = 2**53

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class Invalid(ValueError):
    """The body is not an activity Teams could have sent; the message says why, in Swedish."""


def checked(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise Invalid("Kroppen ska vara en aktivitet (ett JSON-objekt).")
    # The fields as sent first (an id with a NUL is refused, not quietly changed); they
    # reach only known paths a few levels deep, so the unbounded rest is not walked yet.
    for name, check in _FIELDS.items():
        if name in body and body[name] is not None:
            body[name] = check(name, body[name])
    # Then one bounded walk (no recursion) that checks the shape and scrubs every string.
    cleaned: dict[str, Any] = _copy(body)
    return cleaned


# -- the whole body ------------------------------------------------------------------------


def _copy(body: Any) -> Any:
    """A copy with every string scrubbed; raises on depth, size and numbers out of range.
    Iterative: containers are rebuilt from a stack of (source, parent, slot)."""
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any, int]] = [(body, root, 0, 1)]  # value, parent, slot, depth
    nodes = 0
    while stack:
        value, parent, slot, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise Invalid("Aktiviteten har för många fält.")
        if depth > MAX_DEPTH:
            raise Invalid("Aktiviteten är för djupt nästlad.")
        if isinstance(value, dict):
            copy: dict[str, Any] = {}
            parent[slot] = copy
            for key, item in value.items():
                name = _text(key)
                copy[name] = None
                stack.append((item, copy, name, depth + 1))
        elif isinstance(value, list):
            items: list[Any] = [None] * len(value)
            parent[slot] = items
            stack.extend((item, items, i, depth + 1) for i, item in enumerate(value))
        elif isinstance(value, str):
            parent[slot] = _text(value)
        elif isinstance(value, bool) or value is None:
            parent[slot] = value
        elif isinstance(value, int):
            if abs(value) >= SAFE_INTEGER:
                raise Invalid("Aktiviteten innehåller ett tal utanför det tillåtna intervallet.")
            parent[slot] = value
        elif isinstance(value, float):
            if not math.isfinite(value):
                raise Invalid("Aktiviteten innehåller ett ogiltigt tal.")
            parent[slot] = value
        else:  # json.loads makes nothing else; be safe if called with other objects
            raise Invalid("Aktiviteten innehåller ett värde av okänd typ.")
    return root[0]


def _text(value: str) -> str:
    if "\x00" in value:
        value = value.replace("\x00", "")
    if _SURROGATE.search(value):
        value = _SURROGATE.sub("\ufffd", value)
    return value


# -- the fields the bot reads --------------------------------------------------------------

Check = Callable[[str, Any], Any]


def _string(limit: int, *, cut: bool = False, identifier: bool = False) -> Check:
    def check(name: str, value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid(f"Fältet {name} ska vara text.")
        if identifier and (_CONTROL.search(value) or _SURROGATE.search(value)):
            raise Invalid(f"Fältet {name} innehåller otillåtna tecken.")
        if len(value) > limit:
            if not cut:
                raise Invalid(f"Fältet {name} är längre än {limit} tecken.")
            value = value[:limit]
        return value

    return check


def _url(name: str, value: Any) -> str:
    text = _string(MAX_URL, identifier=True)(name, value)
    if not text.lower().startswith(("https://", "http://")):
        raise Invalid(f"Fältet {name} ska vara en http(s)-adress.")
    return text


def _boolean(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"Fältet {name} ska vara true eller false.")
    return value


def _object(fields: dict[str, Check], required: tuple[str, ...] = ()) -> Check:
    def check(name: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise Invalid(f"Fältet {name} ska vara ett objekt.")
        for field in required:
            if value.get(field) is None:
                raise Invalid(f"Aktiviteten saknar {name}.{field}.")
        for field, inner in fields.items():
            if value.get(field) is not None:
                value[field] = inner(f"{name}.{field}", value[field])
        return value

    return check


def _list(item: Check) -> Check:
    def check(name: str, value: Any) -> list[Any]:
        if not isinstance(value, list):
            raise Invalid(f"Fältet {name} ska vara en lista.")
        if len(value) > MAX_ITEMS:
            raise Invalid(f"Fältet {name} har fler än {MAX_ITEMS} poster.")
        return [item(f"{name}[{i}]", v) for i, v in enumerate(value)]

    return check


def _anything(name: str, value: Any) -> Any:
    return value


_ID = _string(MAX_ID, identifier=True)
_SHORT = _string(MAX_SHORT, identifier=True)


def _moment(name: str, value: Any) -> str:
    """An ISO 8601 time, as botbuilder's reader wants it (a queued activity is read only
    when its turn runs: what it would refuse is refused here, at the door)."""
    text = str(_SHORT(name, value))
    try:
        Deserializer.deserialize_iso(text)
    except (DeserializationError, ValueError, TypeError, OverflowError):
        raise Invalid(f"Fältet {name} ska vara en tidpunkt (ISO 8601).") from None
    return text


_NAME = _string(MAX_NAME, cut=True)
_ACCOUNT = _object({"id": _ID, "name": _NAME, "aadObjectId": _SHORT, "role": _SHORT}, ("id",))
_NAMED = _object({"id": _ID, "name": _NAME})

_FIELDS: dict[str, Check] = {
    "type": _SHORT,
    "id": _ID,
    "channelId": _SHORT,
    "serviceUrl": _url,
    "timestamp": _moment,
    "localTimestamp": _moment,
    "expiration": _moment,
    "locale": _SHORT,
    "textFormat": _SHORT,
    "replyToId": _ID,
    "name": _NAME,
    "text": _string(MAX_TEXT),
    "from": _ACCOUNT,
    "recipient": _ACCOUNT,
    "conversation": _object(
        {
            "id": _ID,
            "name": _NAME,
            "conversationType": _SHORT,
            "tenantId": _SHORT,
            "isGroup": _boolean,
        },
        ("id",),
    ),
    "channelData": _object(
        {
            "tenant": _object({"id": _SHORT}),
            "team": _NAMED,
            "channel": _NAMED,
            "eventType": _SHORT,
        }
    ),
    "entities": _list(_object({"type": _SHORT})),
    "attachments": _list(_object({"contentType": _string(MAX_NAME), "name": _NAME})),
    "membersAdded": _list(_ACCOUNT),
    "membersRemoved": _list(_ACCOUNT),
    "value": _anything,
}
