"""The Bot Framework seam: everything botbuilder, botframework and msrest is in this package.

- `endpoint`: POST /api/messages (HTTP checks, authentication, tenants, redelivery, the turn)
- `queued`: turns answered behind the HTTP answer (bursts of survey answers)
- `auth`: the Bot Connector's token checked; the bot's own token fetched
- `adapter`: a botbuilder `BotAdapter` that sends through `connector`
- `handler`: the `ActivityHandler` that turns activities into `dialogs.App` turns
- `connector`: the Bot Connector REST API v3 client (the features' `Messenger`)
- `wire`: activities between JSON and botbuilder's `Activity`

The rest of the bot sees only `dialogs.App`, the `Messenger` port and activity JSON, so a
move to the Microsoft 365 Agents SDK replaces this package and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable

import aiohttp

from bot.domain.clock import Clock
from bot.domain.ports import ActivityLog, ActivityQueue, ConversationStore
from bot.domain.questions import Language
from bot.settings import Settings
from bot.teams.adapter import TeamsAdapter
from bot.teams.auth import AppToken, ChannelTokenValidator
from bot.teams.connector import BotConnector
from bot.teams.endpoint import MAX_BODY, MessagesEndpoint
from bot.teams.handler import TeamsHandler
from dialogs import activities
from dialogs.app import App
from dialogs.texts import texts_for

__all__ = ["MAX_BODY", "BotConnector", "MessagesEndpoint", "connectors", "messages_endpoint"]


def connectors(
    settings: Settings, session: aiohttp.ClientSession
) -> tuple[BotConnector, BotConnector]:
    """The connector for turns (patient: a member waits for the answer) and the delivery
    worker's, which gives up fast (one retry, honouring Retry-After) and lets the outbox
    schedule the post again, so one slow conversation never holds a worker for long."""
    token = AppToken(settings)
    turns = BotConnector(session, token)
    delivery = BotConnector(session, token, max_attempts=2, base_delay=0.5, max_delay=30.0)
    return turns, delivery


def messages_endpoint(
    settings: Settings,
    session: aiohttp.ClientSession,
    app: Callable[[], App],
    connector: BotConnector,
    conversations: ConversationStore,
    activity_log: ActivityLog,
    clock: Clock,
    max_turns: int,
    queue: ActivityQueue,
) -> MessagesEndpoint:
    """The endpoint; its queued turns start with `start()` and stop with `stop()`."""
    apology = activities.text_message(texts_for(Language.SV).apology)
    validator = (
        ChannelTokenValidator(session, settings.app_id, settings.openid_metadata_url)
        if settings.authentication_enabled
        else None
    )
    return MessagesEndpoint(
        TeamsAdapter(connector, apology),
        TeamsHandler(app, conversations, clock),
        validator,
        activity_log,
        settings.allowed_tenants,
        max_turns=max_turns,
        queue=queue,
        queued_actions=lambda: app().router.queued_actions,
    )
