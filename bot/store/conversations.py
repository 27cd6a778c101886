"""Teams conversations and channel bindings (implements `ConversationStore`)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select

from bot.domain.ports import ChannelBinding, ConversationKind, StoredConversation
from bot.store.dialect import upsert
from bot.store.engine import Sessions
from bot.store.tables import ChannelBindingRow, ConversationRow


def conversation_of(row: ConversationRow) -> StoredConversation:
    return StoredConversation(
        conversation_id=row.conversation_id,
        kind=ConversationKind(row.kind),
        service_url=row.service_url,
        tenant_id=row.tenant_id,
        reference=dict(row.reference),
        team_id=row.team_id,
        channel_name=row.channel_name,
        user_aad_object_id=row.user_aad_object_id,
        updated_at=row.updated_at,
    )


def binding_of(row: ChannelBindingRow) -> ChannelBinding:
    return ChannelBinding(
        conversation_id=row.conversation_id,
        region=row.region,
        group=row.group_key,
        bound_by=row.bound_by,
        channel_name=row.channel_name,
        bound_at=row.bound_at,
    )


class SqlConversationStore:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def save(self, conversation: StoredConversation) -> None:
        """Insert or replace; every turn saves, so this is one atomic upsert."""
        values = {
            "conversation_id": conversation.conversation_id,
            "kind": conversation.kind.value,
            "service_url": conversation.service_url,
            "tenant_id": conversation.tenant_id,
            "team_id": conversation.team_id,
            "channel_name": conversation.channel_name,
            "user_aad_object_id": conversation.user_aad_object_id,
            "reference": conversation.reference,
            "updated_at": conversation.updated_at or self._sessions.now(),
        }
        stmt = upsert(self._sessions.dialect, ConversationRow, values, "conversation_id")
        async with self._sessions.write() as session:
            await session.execute(stmt)

    async def get(self, conversation_id: str) -> StoredConversation | None:
        async with self._sessions.read() as session:
            row = await session.get(ConversationRow, conversation_id)
            return conversation_of(row) if row else None

    async def personal_for(self, aad_object_id: str) -> StoredConversation | None:
        if not aad_object_id:
            return None
        async with self._sessions.read() as session:
            row = await session.scalar(
                select(ConversationRow)
                .where(
                    ConversationRow.kind == ConversationKind.PERSONAL.value,
                    ConversationRow.user_aad_object_id == aad_object_id,
                )
                # A reinstalled app gives a new personal conversation; the newest works.
                .order_by(ConversationRow.updated_at.desc())
                .limit(1)
            )
            return conversation_of(row) if row else None

    async def bind(self, binding: ChannelBinding) -> None:
        """Bind a channel to a group, replacing any earlier binding of that channel."""
        values = {
            "conversation_id": binding.conversation_id,
            "region": binding.region,
            "group_key": binding.group,
            "bound_by": binding.bound_by,
            "channel_name": binding.channel_name,
            "bound_at": binding.bound_at or self._sessions.now(),
        }
        stmt = upsert(self._sessions.dialect, ChannelBindingRow, values, "conversation_id")
        async with self._sessions.write() as session:
            await session.execute(stmt)

    async def unbind(self, conversation_id: str) -> ChannelBinding | None:
        async with self._sessions.write() as session:
            row = await session.scalar(
                select(ChannelBindingRow).where(
                    ChannelBindingRow.conversation_id == conversation_id
                )
            )
            if row is None:
                return None
            binding = binding_of(row)
            await session.execute(delete(ChannelBindingRow).where(ChannelBindingRow.id == row.id))
            return binding

    async def bindings(self) -> Sequence[ChannelBinding]:
        async with self._sessions.read() as session:
            rows = await session.scalars(
                select(ChannelBindingRow).order_by(
                    ChannelBindingRow.region, ChannelBindingRow.group_key, ChannelBindingRow.id
                )
            )
            return [binding_of(row) for row in rows]

    async def bindings_of_group(self, region: str, group: str) -> Sequence[ChannelBinding]:
        async with self._sessions.read() as session:
            rows = await session.scalars(
                select(ChannelBindingRow)
                .where(ChannelBindingRow.region == region, ChannelBindingRow.group_key == group)
                .order_by(ChannelBindingRow.id)
            )
            return [binding_of(row) for row in rows]

    async def binding_for(self, conversation_id: str) -> ChannelBinding | None:
        async with self._sessions.read() as session:
            row = await session.scalar(
                select(ChannelBindingRow).where(
                    ChannelBindingRow.conversation_id == conversation_id
                )
            )
            return binding_of(row) if row else None

    async def latest(self, tenant_id: str = "") -> StoredConversation | None:
        query = select(ConversationRow).order_by(ConversationRow.updated_at.desc()).limit(1)
        if tenant_id:
            query = query.where(ConversationRow.tenant_id == tenant_id)
        async with self._sessions.read() as session:
            row = await session.scalar(query)
            return conversation_of(row) if row else None
