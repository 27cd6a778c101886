"""Sending into Teams conversations, as the features see it: a port and its one error.

The Bot Connector client in `bot.teams.connector` implements `Messenger`; features post,
change and remove messages through this interface and never see HTTP or the Bot Framework.
Activities are the Bot Framework activity JSON (plain dicts), built by `dialogs.activities`.
"""

from __future__ import annotations

from typing import Any, Protocol

JSON = dict[str, Any]


class SendFailed(Exception):
    """Teams refused a call for good (or the retries ran out).

    `status` is the HTTP status (0: no answer at all). The message is for the log; what the
    office reads comes from `dialogs.failures`, never from this text.
    """

    def __init__(self, status: int, detail: str = "") -> None:
        super().__init__(f"Teams answered {status}: {detail[:200]}")
        self.status = status
        self.detail = detail

    @property
    def gone(self) -> bool:
        """403/404: the bot was removed or the conversation no longer exists."""
        return self.status in (403, 404)


class Messenger(Protocol):
    async def send(self, service_url: str, conversation_id: str, activity: JSON) -> JSON:
        """Post a new message; Teams' answer (with the new activity's "id")."""
        ...

    async def reply(
        self, service_url: str, conversation_id: str, reply_to_id: str, activity: JSON
    ) -> JSON: ...

    async def update(
        self, service_url: str, conversation_id: str, activity_id: str, activity: JSON
    ) -> JSON: ...

    async def delete(self, service_url: str, conversation_id: str, activity_id: str) -> None: ...

    async def create_conversation(self, service_url: str, parameters: JSON) -> JSON: ...

    async def member(self, service_url: str, conversation_id: str, member_id: str) -> JSON | None:
        """A conversation member's account (e-mail/UPN, AAD id); None when unknown."""
        ...
