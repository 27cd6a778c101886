"""A botbuilder `BotAdapter` over our Bot Connector client.

botbuilder-core runs each turn (`TurnContext`, middleware, `ActivityHandler`); this adapter
only says how activities leave: through the shared `BotConnector` (one connection pool,
429 Retry-After honoured), not a per-turn msrest client. An invoke's response is kept for
the endpoint to return in the HTTP answer, as the Bot Framework protocol wants.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    ConversationReference,
    ResourceResponse,
)

from bot.domain.ports import StoreUnavailable
from bot.teams.connector import BotConnector
from bot.teams.wire import outgoing, to_json

log = logging.getLogger(__name__)

# Where a turn's invoke response waits for the endpoint (our own key in turn_state).
INVOKE_RESPONSE = "samverkansboten.invoke_response"


class TeamsAdapter(BotAdapter):
    def __init__(self, connector: BotConnector, apology: dict[str, Any]) -> None:
        super().__init__(on_turn_error=self._turn_failed)
        self._connector = connector
        self._apology = apology  # the message a member gets when their turn fails

    async def process(
        self, activity: Activity, logic: Callable[[TurnContext], Awaitable[None]]
    ) -> Any:
        """Run one turn; the invoke response's value (status and body), if there is one."""
        context = TurnContext(self, activity)
        await self.run_pipeline(context, logic)
        return context.turn_state.get(INVOKE_RESPONSE)

    async def send_activities(
        self, context: TurnContext, activities: list[Activity]
    ) -> list[ResourceResponse]:
        responses: list[ResourceResponse] = []
        for activity in activities:
            if activity.type == ActivityTypes.invoke_response:
                context.turn_state[INVOKE_RESPONSE] = activity.value
                responses.append(ResourceResponse())
                continue
            service_url = activity.service_url or context.activity.service_url
            conversation_id = activity.conversation.id
            body = to_json(activity)
            if activity.reply_to_id:
                result = await self._connector.reply(
                    service_url, conversation_id, activity.reply_to_id, body
                )
            else:
                result = await self._connector.send(service_url, conversation_id, body)
            responses.append(ResourceResponse(id=result.get("id")))
        return responses

    async def update_activity(self, context: TurnContext, activity: Activity) -> ResourceResponse:
        result = await self._connector.update(
            activity.service_url or context.activity.service_url,
            activity.conversation.id,
            activity.id,
            to_json(activity),
        )
        return ResourceResponse(id=result.get("id"))

    async def delete_activity(self, context: TurnContext, reference: ConversationReference) -> None:
        await self._connector.delete(
            reference.service_url, reference.conversation.id, reference.activity_id
        )

    async def _turn_failed(self, context: TurnContext, error: Exception) -> None:
        activity = context.activity
        if isinstance(error, StoreUnavailable):
            raise error  # not the member's loss: the endpoint asks Teams to deliver it again
        log.error(
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
            await context.send_activity(outgoing(self._apology))
        except Exception:  # the apology itself could not be delivered: log, never raise
            log.exception("could not send the apology to %s", activity.conversation.id)
