"""A channel the bot knows and that is bound to a group, as `koppla kanalen till` leaves it."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.ports import ChannelBinding, ConversationKind, StoredConversation
from bot.store.database import Database


async def bind_channel(
    db: Database,
    conversation_id: str,
    group: str,
    *,
    service_url: str,
    now: datetime,
    region: str = "sodra-alvsborg",
    tenant: str = "11111111-2222-3333-4444-555555555555",
    name: str = "Kanal",
) -> None:
    await db.conversations.save(
        StoredConversation(
            conversation_id=conversation_id,
            kind=ConversationKind.CHANNEL,
            service_url=service_url,
            tenant_id=tenant,
            reference={},
            channel_name=name,
            updated_at=now - timedelta(days=1),
        )
    )
    await db.conversations.bind(ChannelBinding(conversation_id, region, group, "test", name, now))
