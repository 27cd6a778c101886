"""The Teams activity handler: thin glue between Teams activities and `dialogs`."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from botbuilder.core import TurnContext
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.schema import ChannelAccount
from botbuilder.schema.teams import TeamInfo, TeamsChannelAccount

from bot.domain.ports import ConversationKind, ConversationStore, StoredConversation
from bot.teams.identity import Identity, IdentityResolver
from bot.teams.outgoing import to_activity
from bot.teams.wire import to_wire
from dialogs.conversation import Conversation, Incoming

log = logging.getLogger(__name__)

_MAX_REMEMBERED = 50_000


def conversation_kind(activity: Any) -> ConversationKind:
    kind = (activity.conversation.conversation_type or "personal") if activity.conversation else ""
    if kind == "channel":
        return ConversationKind.CHANNEL
    if kind == "groupChat" or (activity.conversation and activity.conversation.is_group):
        return ConversationKind.GROUP_CHAT
    return ConversationKind.PERSONAL


class SubmitHandler(Protocol):
    """Handles an Adaptive Card submit (its `data` arrives as the activity's value)."""

    async def on_submit(
        self, turn_context: TurnContext, value: dict[str, Any], identity: Identity
    ) -> bool:
        """True when the submit was this handler's to answer."""
        ...


class SamverkansHandler(TeamsActivityHandler):
    def __init__(
        self,
        conversation: Conversation,
        identities: IdentityResolver,
        conversations: ConversationStore,
        now: Callable[[], datetime],
        submits: Sequence[SubmitHandler] = (),
    ) -> None:
        super().__init__()
        self._conversation = conversation
        self._identities = identities
        self._conversations = conversations
        self._now = now
        self._submits = tuple(submits)
        # Digest of the last stored reference per conversation: store again only on change.
        self._stored: dict[str, str] = {}

    async def on_turn(self, turn_context: TurnContext) -> None:
        await self._remember(turn_context)
        await super().on_turn(turn_context)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        kind = conversation_kind(activity)
        text = activity.text or ""
        # A press on one of the bot's card buttons carries no mention, even in a channel.
        submitted = isinstance(activity.value, dict) and bool(activity.value.get("action"))
        if kind is not ConversationKind.PERSONAL and not submitted:
            mentions = _bot_mentions(activity)
            if not mentions:
                return  # in channels and group chats the bot speaks only when spoken to
            text = _without_mentions(text, mentions)
        text = " ".join(text.replace("&nbsp;", " ").split())
        sender = activity.from_property or ChannelAccount()
        identity = await self._identities.resolve(
            aad_object_id=sender.aad_object_id,
            member_id=sender.id or "",
            conversation_id=activity.conversation.id,
            service_url=activity.service_url or "",
        )
        if submitted:
            # An Action.Submit on one of the bot's cards: routed on its declared action.
            for submit in self._submits:
                if await submit.on_submit(turn_context, activity.value, identity):
                    return
        if not text and isinstance(activity.value, dict):
            text = str(activity.value.get("text", ""))  # a messageBack card button
        reply = await self._conversation.reply(
            Incoming(
                text=text,
                conversation_id=activity.conversation.id,
                kind=kind,
                asker=identity.person,
                asker_name=identity.upn or sender.name or sender.id or "",
                is_office=identity.is_office,
                channel_name=_channel_name(activity),
            ),
            now=self._now(),
        )
        await turn_context.send_activity(to_activity(reply))

    async def on_teams_members_added(
        self,
        teams_members_added: list[TeamsChannelAccount],
        team_info: TeamInfo,
        turn_context: TurnContext,
    ) -> None:
        bot_id = turn_context.activity.recipient.id if turn_context.activity.recipient else None
        if any(member.id == bot_id for member in teams_members_added):
            kind = conversation_kind(turn_context.activity)
            await turn_context.send_activity(self._conversation.greeting(kind))

    async def _remember(self, turn_context: TurnContext) -> None:
        """Keep the newest conversation reference, so proactive messages can reach it."""
        activity = turn_context.activity
        if not activity.conversation or not activity.conversation.id or not activity.service_url:
            return
        reference = to_wire(TurnContext.get_conversation_reference(activity))
        reference.pop("activityId", None)  # changes every turn and is not needed to post
        digest = hashlib.blake2b(
            json.dumps(reference, sort_keys=True).encode(), digest_size=16
        ).hexdigest()
        conversation_id = activity.conversation.id
        if self._stored.get(conversation_id) == digest:
            return
        kind = conversation_kind(activity)
        channel_data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
        sender = activity.from_property
        await self._conversations.save(
            StoredConversation(
                conversation_id=conversation_id,
                kind=kind,
                service_url=activity.service_url,
                tenant_id=_tenant(activity),
                reference=reference,
                team_id=str((channel_data.get("team") or {}).get("id", "")),
                channel_name=_channel_name(activity),
                user_aad_object_id=(
                    (sender.aad_object_id or "")
                    if sender is not None and kind is ConversationKind.PERSONAL
                    else ""
                ),
                updated_at=datetime.now(UTC),
            )
        )
        if len(self._stored) >= _MAX_REMEMBERED:
            self._stored.clear()
        self._stored[conversation_id] = digest


def _bot_mentions(activity: Any) -> list[str]:
    """The texts ("<at>Samverkansboten</at>") of the mentions that name this bot."""
    bot_id = activity.recipient.id if activity.recipient else None
    texts = []
    for entity in activity.entities or []:
        if (entity.type or "").lower() != "mention":
            continue
        properties = entity.additional_properties or {}
        mentioned = properties.get("mentioned") or {}
        if mentioned.get("id") == bot_id:
            texts.append(str(properties.get("text") or f"<at>{mentioned.get('name', '')}</at>"))
    return texts


def _without_mentions(text: str, mentions: list[str]) -> str:
    for mention in mentions:
        text = text.replace(mention, " ")
    return text


def _channel_name(activity: Any) -> str:
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    channel = data.get("channel") or {}
    team = data.get("team") or {}
    name = channel.get("name") or ""
    if team.get("name"):
        return f"{team['name']} / {name or 'Allmänt'}"
    return str(name)


def _tenant(activity: Any) -> str:
    if activity.conversation and activity.conversation.tenant_id:
        return str(activity.conversation.tenant_id)
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    return str((data.get("tenant") or {}).get("id", ""))
