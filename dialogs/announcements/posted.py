"""Changing or removing a message the bot already posted in Teams (PUT/DELETE)."""

from __future__ import annotations

import logging
from typing import Any

from bot.domain.messaging import Messenger, SendFailed
from bot.domain.ports import ConversationStore

log = logging.getLogger(__name__)


class PostedMessages:
    """False when Teams refused; a message someone already removed counts as removed."""

    def __init__(self, conversations: ConversationStore, messenger: Messenger) -> None:
        self._conversations = conversations
        self._messenger = messenger

    async def update(
        self, conversation_id: str, activity_id: str, activity: dict[str, Any]
    ) -> bool:
        stored = await self._conversations.get(conversation_id)
        if stored is None:
            return False
        body = dict(activity, id=activity_id)
        try:
            await self._messenger.update(stored.service_url, conversation_id, activity_id, body)
        except SendFailed as err:
            log.warning("could not update %s in %s: %s", activity_id, conversation_id, err)
            return False
        return True

    async def delete(self, conversation_id: str, activity_id: str) -> bool:
        stored = await self._conversations.get(conversation_id)
        if stored is None:
            return False
        try:
            await self._messenger.delete(stored.service_url, conversation_id, activity_id)
        except SendFailed as err:
            if err.status == 404:
                return True  # someone removed it in Teams already
            log.warning("could not delete %s in %s: %s", activity_id, conversation_id, err)
            return False
        return True
