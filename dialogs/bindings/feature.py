"""Binding a channel to a group, unbinding it, and listing the bindings (office only).

A bound channel gets its group's notices, reminders, minutes and announcements; the
office's own channel gets alerts and forwarded questions.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.domain.model import Governance, Group
from bot.domain.outbox import OutboxStore
from bot.domain.ports import ChannelBinding, ConversationKind, ConversationStore
from dialogs import cards
from dialogs.bindings.texts import TEXTS as T
from dialogs.reply import Reply
from dialogs.routing import Turn

GroupLocator = Callable[[str, str], Group | None]  # (text, default region) -> group


class ChannelBindings:
    def __init__(
        self,
        governance: Governance,
        conversations: ConversationStore,
        outbox: OutboxStore,
        locate_group: GroupLocator,
    ) -> None:
        self._governance = governance
        self._conversations = conversations
        self._outbox = outbox
        self._locate_group = locate_group

    async def bind(self, turn: Turn, group_text: str) -> Reply:
        if turn.kind is ConversationKind.PERSONAL:
            return Reply(T.needs_channel)
        group = self._locate_group(group_text, turn.region)
        if group is None:
            return Reply(T.needs_group.format(group=group_text))
        await self._conversations.bind(
            ChannelBinding(
                conversation_id=turn.conversation_id,
                region=group.region,
                group=group.key,
                bound_by=turn.upn or turn.sender_name,
                channel_name=turn.channel_name,
                bound_at=turn.now,
            )
        )
        return Reply(T.bound.format(group=group.name, region=self._region_name(group.region)))

    async def unbind(self, turn: Turn, rest: str = "") -> Reply:
        if turn.kind is ConversationKind.PERSONAL:
            return Reply(T.needs_channel)
        removed = await self._conversations.unbind(turn.conversation_id)
        if removed is None:
            return Reply(T.not_bound)
        group = self._governance.group(removed.region, removed.group)
        return Reply(T.unbound.format(group=group.name if group else removed.group))

    async def listing(self, turn: Turn, rest: str = "") -> Reply:
        bindings = await self._conversations.bindings()
        if not bindings:
            return Reply(T.none)
        # A channel whose posts wait because Teams answered 403/404 (bot removed, channel
        # gone) is shown as broken until it is bound again.
        broken = await self._outbox.waiting_conversations()
        rows = []
        for binding in bindings:
            group = self._governance.group(binding.region, binding.group)
            state = f" – {T.broken}" if binding.conversation_id in broken else ""
            rows.append(
                (
                    binding.channel_name or binding.conversation_id,
                    f"{group.name if group else binding.group} "
                    f"({self._region_name(binding.region)}), {binding.bound_by}{state}",
                )
            )
        content = cards.list_card(T.title, [cards.ListSection(T.title, tuple(rows))])
        return Reply(cards.card_fallback_text(content), card=content)

    def _region_name(self, key: str) -> str:
        data = self._governance.region(key)
        return data.region.name if data else key
