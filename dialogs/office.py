"""The office's channel commands: bind a channel to a group, unbind it, list bindings.

Everything else the office writes goes to `dialogs.office_tools`, once the Teams edge has
attached it (`attach`); without it (the terminal chat) those commands say they need Teams.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.commands import BindChannel, Command, ListBindings, ToolCommand, UnbindChannel
from bot.domain.model import Governance
from bot.domain.ports import ChannelBinding, ConversationKind, ConversationStore
from bot.domain.reader import QuestionReader
from dialogs import cards
from dialogs.office_tools import OfficeTools
from dialogs.reply import Reply
from dialogs.texts import Texts
from dialogs.texts.office_sv import TEXTS as OFFICE_TEXTS


class OfficeCommands:
    def __init__(
        self, governance: Governance, reader: QuestionReader, conversations: ConversationStore
    ) -> None:
        self._governance = governance
        self._reader = reader
        self._conversations = conversations
        self._tools: OfficeTools | None = None

    def attach(self, tools: OfficeTools) -> None:
        self._tools = tools

    async def run(
        self,
        command: Command,
        texts: Texts,
        *,
        conversation_id: str,
        kind: ConversationKind,
        channel_name: str,
        region: str,
        by: str,
    ) -> Reply:
        match command:
            case ListBindings():
                return await self._list(texts)
            case BindChannel(group_text=group_text):
                if kind is ConversationKind.PERSONAL:
                    return Reply(texts.bind_needs_channel)
                group = self._reader.locate_group(group_text, region)
                if group is None:
                    return Reply(texts.bind_needs_group.format(group=group_text))
                await self._conversations.bind(
                    ChannelBinding(
                        conversation_id=conversation_id,
                        region=group.region,
                        group=group.key,
                        bound_by=by,
                        channel_name=channel_name,
                        bound_at=datetime.now(UTC),
                    )
                )
                return Reply(
                    texts.bound.format(group=group.name, region=self._region_name(group.region))
                )
            case UnbindChannel():
                if kind is ConversationKind.PERSONAL:
                    return Reply(texts.bind_needs_channel)
                removed = await self._conversations.unbind(conversation_id)
                if removed is None:
                    return Reply(texts.not_bound)
                group = self._governance.group(removed.region, removed.group)
                return Reply(texts.unbound.format(group=group.name if group else removed.group))
            case _:
                return await self._tool(command, region=region, by=by)

    async def _tool(self, command: ToolCommand, *, region: str, by: str) -> Reply:
        if self._tools is None:
            return Reply(OFFICE_TEXTS.not_here)
        return await self._tools.run(command, region=region, by=by, now=datetime.now(UTC))

    async def _list(self, texts: Texts) -> Reply:
        bindings = await self._conversations.bindings()
        if not bindings:
            return Reply(texts.bindings_none)
        # A channel whose posts wait because Teams answered 403/404 (bot removed, channel
        # gone) is shown as broken until it is bound again.
        broken = await self._tools.outbox.waiting_conversations() if self._tools else {}
        rows = []
        for binding in bindings:
            group = self._governance.group(binding.region, binding.group)
            state = f" – {texts.binding_broken}" if binding.conversation_id in broken else ""
            rows.append(
                (
                    binding.channel_name or binding.conversation_id,
                    f"{group.name if group else binding.group} "
                    f"({self._region_name(binding.region)}), {binding.bound_by}{state}",
                )
            )
        content = cards.list_card(
            texts.bindings_title, [cards.ListSection(texts.bindings_title, tuple(rows))]
        )
        return Reply(cards.card_fallback_text(content), card=content)

    def _region_name(self, key: str) -> str:
        data = self._governance.region(key)
        return data.region.name if data else key
