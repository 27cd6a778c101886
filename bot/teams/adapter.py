"""Bot Framework authentication and the CloudAdapter, wired to our connector client.

botbuilder's CloudAdapter stays in charge of turns; we only replace the connector client
it creates per turn (see `bot.teams.connector` for why) with a thin facade over the
shared `BotConnector`, and give it an error handler that logs and apologises in Swedish.
"""

from __future__ import annotations

import asyncio
import logging
import time
from types import SimpleNamespace
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
    ConfigurationServiceClientCredentialFactory,
)
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    ChannelAccount,
    ConversationParameters,
    ConversationResourceResponse,
    ResourceResponse,
)
from botframework.connector.auth import (
    AuthenticateRequestResult,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    ConnectorFactory,
    ServiceClientCredentialsFactory,
)

from bot.domain.questions import Language
from bot.settings import Settings
from bot.teams.connector import BotConnector
from bot.teams.wire import to_wire
from dialogs.texts import texts_for

log = logging.getLogger(__name__)

# Tokens for the connector live about an hour; renew well before that.
_TOKEN_LIFETIME = 30 * 60


CHANNEL_AUDIENCE = "https://api.botframework.com"


def _auth_configuration(settings: Settings) -> SimpleNamespace:
    config = SimpleNamespace(
        APP_ID=settings.app_id or None,
        APP_PASSWORD=settings.app_password or None,
        APP_TYPE=settings.app_type,
        APP_TENANTID=settings.app_tenant_id or None,
    )
    if settings.openid_metadata_url:
        config.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL = settings.openid_metadata_url
        config.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER = CHANNEL_AUDIENCE
        # Tokens that look like the Emulator's must not be checked against another cloud.
        config.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL = settings.openid_metadata_url
        config.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE = CHANNEL_AUDIENCE
        config.TO_CHANNEL_FROM_BOT_LOGIN_URL = "https://login.microsoftonline.com/botframework.com"
    return config


class AppToken:
    """The bot's token for calling the connector, fetched off the event loop and cached.

    With authentication off (no MicrosoftAppId) there is no token, like the Emulator.
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.factory: ServiceClientCredentialsFactory = ConfigurationServiceClientCredentialFactory(
            _auth_configuration(settings)
        )
        self.credentials: Any = None  # botframework AppCredentials (MSAL underneath)
        self._token: str | None = None
        self._fetched = 0.0
        self._lock = asyncio.Lock()

    async def __call__(self) -> str | None:
        if not self._settings.app_id:
            return None
        if self._token and time.monotonic() - self._fetched < _TOKEN_LIFETIME:
            return self._token
        async with self._lock:
            if self.credentials is None:
                self.credentials = await self.factory.create_credentials(
                    self._settings.app_id, CHANNEL_AUDIENCE, None, True
                )
            if not self._token or time.monotonic() - self._fetched >= _TOKEN_LIFETIME:
                self._token = await asyncio.to_thread(self.credentials.get_access_token)
                self._fetched = time.monotonic()
        return self._token


class _Conversations:
    """The part of botframework's ConversationsOperations that CloudAdapter calls."""

    def __init__(self, connector: BotConnector, service_url: str) -> None:
        self._connector = connector
        self._service_url = service_url

    async def send_to_conversation(
        self, conversation_id: str, activity: Activity
    ) -> ResourceResponse:
        result = await self._connector.send(self._service_url, conversation_id, to_wire(activity))
        return ResourceResponse(id=result.get("id"))

    async def reply_to_activity(
        self, conversation_id: str, activity_id: str, activity: Activity
    ) -> ResourceResponse:
        result = await self._connector.reply(
            self._service_url, conversation_id, activity_id, to_wire(activity)
        )
        return ResourceResponse(id=result.get("id"))

    async def update_activity(
        self, conversation_id: str, activity_id: str, activity: Activity
    ) -> ResourceResponse:
        result = await self._connector.update(
            self._service_url, conversation_id, activity_id, to_wire(activity)
        )
        return ResourceResponse(id=result.get("id"))

    async def delete_activity(self, conversation_id: str, activity_id: str) -> None:
        await self._connector.delete(self._service_url, conversation_id, activity_id)

    async def get_conversation_member(self, conversation_id: str, member_id: str) -> ChannelAccount:
        # TeamsActivityHandler looks up every member added to a team; one unknown to the
        # service is reported with what the activity said (its id), not as an error.
        data = await self._connector.member(self._service_url, conversation_id, member_id)
        return ChannelAccount().deserialize(data or {"id": member_id})

    async def get_conversation_members(self, conversation_id: str) -> list[ChannelAccount]:
        members = await self._connector.members(self._service_url, conversation_id)
        return [ChannelAccount().deserialize(member) for member in members]

    async def create_conversation(
        self, parameters: ConversationParameters
    ) -> ConversationResourceResponse:
        result = await self._connector.create_conversation(self._service_url, to_wire(parameters))
        return ConversationResourceResponse().deserialize(result)


class ConnectorFacade:
    """What CloudAdapter keeps in turn_state as its connector client."""

    def __init__(self, connector: BotConnector, service_url: str, credentials: Any) -> None:
        self.conversations = _Conversations(connector, service_url)
        # TeamsInfo reads these to build its own client; keep them for compatibility.
        self.config = SimpleNamespace(credentials=credentials, base_url=service_url)
        self.connector = connector
        self.service_url = service_url


class _FastConnectorFactory(ConnectorFactory):
    def __init__(self, owner: FastAuthentication) -> None:
        self._owner = owner

    async def create(self, service_url: str, audience: str | None = None) -> Any:
        # Teams has one audience; the token comes from the connector's AppToken.
        return self._owner.facade(service_url)


class FastAuthentication(BotFrameworkAuthentication):
    """botbuilder's own request validation, with our connector clients handed out."""

    def __init__(self, settings: Settings, connector: BotConnector, token: AppToken) -> None:
        self._connector = connector
        self._token = token
        self._inner = ConfigurationBotFrameworkAuthentication(
            _auth_configuration(settings), credentials_factory=token.factory
        )
        self._factory = _FastConnectorFactory(self)
        self._user_token_clients: dict[str | None, Any] = {}

    def facade(self, service_url: str) -> ConnectorFacade:
        return ConnectorFacade(self._connector, service_url, self._token.credentials)

    async def authenticate_request(
        self, activity: Activity, auth_header: str
    ) -> AuthenticateRequestResult:
        result: AuthenticateRequestResult = await self._inner.authenticate_request(
            activity, auth_header
        )
        result.connector_factory = self._factory
        return result

    async def authenticate_streaming_request(
        self, auth_header: str, channel_id_header: str
    ) -> AuthenticateRequestResult:
        result: AuthenticateRequestResult = await self._inner.authenticate_streaming_request(
            auth_header, channel_id_header
        )
        result.connector_factory = self._factory
        return result

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        return self._factory

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> Any:
        # CloudAdapter asks for one every turn, and each builds msrest's retry machinery
        # (about 4 ms); the bot never uses user tokens, so build it once per app id.
        app_id = claims_identity.get_claim_value("appid") or claims_identity.get_claim_value("aud")
        client = self._user_token_clients.get(app_id)
        if client is None:
            client = await self._inner.create_user_token_client(claims_identity)
            self._user_token_clients[app_id] = client
        return client

    def create_bot_framework_client(self) -> Any:
        return self._inner.create_bot_framework_client()

    def get_originating_audience(self) -> str:
        return str(self._inner.get_originating_audience())

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        return await self._inner.authenticate_channel_request(auth_header)


def create_adapter(authentication: FastAuthentication) -> CloudAdapter:
    adapter = CloudAdapter(authentication)

    async def on_turn_error(context: TurnContext, error: Exception) -> None:
        activity = context.activity
        log.exception(
            "turn failed: type=%s id=%s conversation=%s channel=%s",
            activity.type,
            activity.id,
            activity.conversation.id if activity.conversation else None,
            activity.channel_id,
            exc_info=error,
        )
        if activity.type != ActivityTypes.message:
            return
        try:
            await context.send_activity(texts_for(Language.SV).apology)
        except Exception:  # the apology itself could not be delivered: log, never raise
            log.exception("could not send the apology to %s", activity.conversation.id)

    adapter.on_turn_error = on_turn_error
    return adapter
