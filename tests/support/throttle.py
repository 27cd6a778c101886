"""Rate limiting and scripted failures for the Bot Connector stub.

Kept apart from the HTTP plumbing in ``connector.py`` so each stays small. Both are plain
synchronous code: the stub runs on one event loop and calls them between awaits, so a check
and the matching record happen atomically.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

# Bot Framework's ErrorResponse codes for the statuses tests script; the bot's error handling
# may look at the code (e.g. a 403 "BotNotInConversationRoster" means "uninstalled").
ERROR_CODES = {
    400: ("BadArgument", "The request was malformed."),
    401: ("Unauthorized", "Authorization has been denied for this request."),
    403: ("BotNotInConversationRoster", "The bot is not part of the conversation roster."),
    404: ("ConversationNotFound", "Conversation not found."),
    405: ("MethodNotAllowed", "The method is not allowed on this resource."),
    429: ("Throttled", "Too many requests: the bot is being throttled. Retry later."),
    500: ("ServiceError", "An internal service error occurred."),
    502: ("BadGateway", "The upstream service failed."),
    503: ("ServiceUnavailable", "The service is unavailable."),
}


def error_body(status: int, code: str | None = None, message: str | None = None) -> dict:
    """An ErrorResponse as the Bot Connector sends it: {"error": {"code", "message"}}."""
    default_code, default_message = ERROR_CODES.get(status, ("Error", f"HTTP {status}"))
    return {"error": {"code": code or default_code, "message": message or default_message}}


def format_retry_after(seconds: float) -> str:
    """Whole seconds print as an integer (what Teams sends); otherwise millisecond precision."""
    if float(seconds).is_integer():
        return str(int(seconds))
    return f"{seconds:.3f}"


class SlidingWindow:
    """At most ``limit`` events per ``window`` seconds per key, over a sliding window.

    Only accepted events are recorded: a refused (429) request does not use up capacity.
    """

    __slots__ = ("_events", "limit", "window")

    def __init__(self, limit: int, window: float = 1.0) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self.window = window
        self._events: dict[str, deque[float]] = {}

    def wait(self, key: str, now: float) -> float | None:
        """None if an event for ``key`` is allowed at ``now``, else the seconds until it is."""
        events = self._events.get(key)
        if not events:
            return None
        horizon = now - self.window
        while events and events[0] <= horizon:
            events.popleft()
        if len(events) < self.limit:
            return None
        return max(events[0] + self.window - now, 0.001)

    def record(self, key: str, now: float) -> None:
        events = self._events.get(key)
        if events is None:
            events = self._events[key] = deque()
        events.append(now)

    def admit(self, key: str, now: float) -> float | None:
        """``wait``, and record the event when it is allowed."""
        wait = self.wait(key, now)
        if wait is None:
            self.record(key, now)
        return wait

    def forget(self, key: str) -> None:
        """Drop the history of ``key`` (e.g. between benchmark phases)."""
        self._events.pop(key, None)


def retry_after_value(wait: float, configured: float | None) -> str:
    """The Retry-After header: the configured value, or the real wait rounded up to 1 ms."""
    if configured is not None:
        return format_retry_after(configured)
    return format_retry_after(math.ceil(wait * 1000) / 1000)


@dataclass(slots=True)
class ScriptedFailure:
    """One entry of ``ConnectorStub.fail_next``: answer ``status`` to the next matching calls."""

    status: int
    remaining: int
    conversation_id: str | None = None
    operations: frozenset[str] | None = None
    retry_after: float | None = None

    def matches(self, operation: str, conversation_id: str | None) -> bool:
        if self.operations is not None and operation not in self.operations:
            return False
        if self.conversation_id is None:
            return True
        return conversation_id is not None and same_conversation(
            self.conversation_id, conversation_id
        )


def base_conversation(conversation_id: str) -> str:
    """A Teams channel thread "19:x@thread.tacv2;messageid=1" belongs to channel "19:x@…"."""
    return conversation_id.split(";messageid=", 1)[0]


def same_conversation(wanted: str, actual: str) -> bool:
    """``wanted`` without a thread suffix matches the channel and every thread in it."""
    if wanted == actual:
        return True
    return ";messageid=" not in wanted and base_conversation(actual) == wanted
