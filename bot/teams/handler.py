"""The activity handler: Teams activities in, `dialogs.App` turns, replies out.

Thin glue. A message or card submit becomes an `Incoming` (in channels and group chats only
when the bot is @mentioned, or a button on one of its cards was pressed); the bot is greeted
in when added; every conversation's newest reference is kept for proactive posts. Invokes
the bot does not use are answered without an error, as Teams expects.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from botbuilder.core import ActivityHandler, InvokeResponse, TurnContext
from botbuilder.schema import Activity, ChannelAccount

from bot.domain.clock import Clock
from bot.domain.ports import (
    ConversationKind,
    ConversationStore,
    StoredConversation,
    StoreUnavailable,
)
from bot.teams.wire import outgoing, reference_of
from dialogs import activities
from dialogs.app import App, Incoming
from dialogs.routing import SentFile

log = logging.getLogger(__name__)

_MAX_REMEMBERED = 10_000  # conversation ids, at most 512 characters each (the edge checks)


def conversation_kind(activity: Activity) -> ConversationKind:
    conversation = activity.conversation
    kind = (conversation.conversation_type or "personal") if conversation else ""
    if kind == "channel":
        return ConversationKind.CHANNEL
    if kind == "groupChat" or (conversation and conversation.is_group):
        return ConversationKind.GROUP_CHAT
    return ConversationKind.PERSONAL


class TeamsHandler(ActivityHandler):
    def __init__(
        self, app: Callable[[], App], conversations: ConversationStore, clock: Clock
    ) -> None:
        super().__init__()
        self._current = app  # the app of the moment: rebuilt when the library changes
        self._conversations = conversations
        self._clock = clock
        # The last stored reference per conversation (a few hundred bytes each): store again
        # only on change.
        self._stored: dict[str, dict[str, Any]] = {}

    async def on_turn(self, turn_context: TurnContext) -> None:
        try:
            await self._remember(turn_context)
        except StoreUnavailable:
            # The reference is kept on the conversation's next turn; this one can still be
            # answered if it needs no database.
            log.warning("conversation reference not stored: database unreachable")
        await super().on_turn(turn_context)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        kind = conversation_kind(activity)
        value = activity.value if isinstance(activity.value, dict) else {}
        # A press on one of the bot's card buttons carries no mention, even in a channel.
        submitted = isinstance(value.get("action"), str) and bool(value.get("action"))
        text = activity.text if isinstance(activity.text, str) else ""
        if kind is not ConversationKind.PERSONAL and not submitted:
            mentions = _bot_mentions(activity)
            if not mentions:
                return  # in channels and group chats the bot speaks only when spoken to
            for mention in mentions:
                text = text.replace(mention, " ")
        text = " ".join(text.replace("&nbsp;", " ").split())
        if not text and not submitted and isinstance(value.get("text"), str):
            text = value["text"]  # a messageBack card button
        sender = activity.from_property or ChannelAccount()
        reply = await self._current().handle(
            Incoming(
                text=text,
                conversation_id=activity.conversation.id,
                kind=kind,
                sender_id=sender.id or "",
                sender_name=sender.name or "",
                aad_object_id=sender.aad_object_id or "",
                service_url=activity.service_url or "",
                channel_name=_channel_name(activity),
                value=value if submitted else {},
                reply_to_id=activity.reply_to_id or "",
                files=sent_files(activity),
            )
        )
        await turn_context.send_activity(outgoing(activities.message(reply)))

    async def on_members_added_activity(
        self, members_added: list[ChannelAccount], turn_context: TurnContext
    ) -> None:
        bot_id = turn_context.activity.recipient.id if turn_context.activity.recipient else None
        if any(member.id == bot_id for member in members_added):
            greeting = self._current().greeting(conversation_kind(turn_context.activity))
            await turn_context.send_activity(outgoing(activities.text_message(greeting)))

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        # The bot's cards use Action.Submit (a message), not Action.Execute: an invoke is
        # acknowledged and otherwise ignored, never answered with an error.
        log.info("invoke %r acknowledged and ignored", turn_context.activity.name)
        return InvokeResponse(status=int(HTTPStatus.OK), body={})

    async def _remember(self, turn_context: TurnContext) -> None:
        """Keep the newest conversation reference, so proactive messages can reach it."""
        activity = turn_context.activity
        if not activity.conversation or not activity.conversation.id or not activity.service_url:
            return
        reference = reference_of(activity)
        conversation_id = activity.conversation.id
        if self._stored.get(conversation_id) == reference:
            return
        kind = conversation_kind(activity)
        channel_data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
        team = channel_data.get("team")
        sender = activity.from_property
        await self._conversations.save(
            StoredConversation(
                conversation_id=conversation_id,
                kind=kind,
                service_url=activity.service_url,
                tenant_id=_tenant(activity),
                reference=reference,
                team_id=str(team.get("id", "")) if isinstance(team, dict) else "",
                channel_name=_channel_name(activity),
                user_aad_object_id=(
                    (sender.aad_object_id or "")
                    if sender is not None and kind is ConversationKind.PERSONAL
                    else ""
                ),
                updated_at=self._clock.now(),
            )
        )
        if len(self._stored) >= _MAX_REMEMBERED:
            self._stored.clear()
        self._stored[conversation_id] = reference


def _bot_mentions(activity: Activity) -> list[str]:
    """The texts ("<at>Samverkansboten</at>") of the mentions that name this bot."""
    bot_id = activity.recipient.id if activity.recipient else None
    texts = []
    for entity in activity.entities or []:
        if (getattr(entity, "type", "") or "").lower() != "mention":
            continue
        properties: dict[str, Any] = getattr(entity, "additional_properties", None) or {}
        mentioned = properties.get("mentioned")
        if isinstance(mentioned, dict) and mentioned.get("id") == bot_id:
            texts.append(str(properties.get("text") or f"<at>{mentioned.get('name', '')}</at>"))
    return texts


def _channel_name(activity: Activity) -> str:
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    channel = data.get("channel")
    team = data.get("team")
    channel = channel if isinstance(channel, dict) else {}
    team = team if isinstance(team, dict) else {}
    name = str(channel.get("name") or "")
    if team.get("name"):
        return f"{team['name']} / {name or 'Allmänt'}"
    return name


def _tenant(activity: Activity) -> str:
    if activity.conversation and activity.conversation.tenant_id:
        return str(activity.conversation.tenant_id)
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    tenant = data.get("tenant")
    return str(tenant.get("id", "")) if isinstance(tenant, dict) else ""


FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"


def sent_files(activity: Activity) -> tuple[SentFile, ...]:
    """Files sent in a personal chat: Teams attaches each as a download link."""
    found = []
    for attachment in activity.attachments or []:
        if getattr(attachment, "content_type", None) != FILE_DOWNLOAD_INFO:
            continue
        content = attachment.content if isinstance(attachment.content, dict) else {}
        url = content.get("downloadUrl")
        name = attachment.name if isinstance(attachment.name, str) else ""
        if isinstance(url, str) and url and name:
            found.append(SentFile(name[:200], url))
    return tuple(found)
