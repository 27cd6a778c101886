"""The Teams side of the office's tools: the announcement form's submits, and changing or
removing what the bot already posted.

`office_tools(...)` builds the tools with the running bot's stores, attaches them to the
conversation's office commands (so "ny kungörelse", "visa schema", … work in Teams), and
returns the `SubmitHandler` for the form's buttons, for `build_runtime`'s `submits` list.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from botbuilder.core import TurnContext

from bot.domain.delivery_rules import load_delivery_rules
from bot.domain.model import Governance, Group
from bot.domain.ports import ConversationStore
from bot.domain.questions import Language
from bot.settings import Settings
from bot.store.database import Database
from bot.teams.calendar import calendar_path
from bot.teams.connector import BotConnector, ConnectorError
from bot.teams.identity import Identity
from bot.teams.outgoing import to_activity
from dialogs import announcement_cards
from dialogs.announcements import AnnouncementDesk
from dialogs.conversation import Conversation
from dialogs.office_tools import OfficeTools
from dialogs.reply import Reply
from dialogs.texts import texts_for

log = logging.getLogger(__name__)


class TeamsPostedActivities:
    """`PostedActivities` over the Bot Connector: PUT and DELETE on a posted activity."""

    def __init__(self, conversations: ConversationStore, connector: BotConnector) -> None:
        self._conversations = conversations
        self._connector = connector

    async def update(
        self, conversation_id: str, activity_id: str, activity: dict[str, Any]
    ) -> bool:
        stored = await self._conversations.get(conversation_id)
        if stored is None:
            return False
        body = dict(activity, id=activity_id)
        try:
            await self._connector.update(stored.service_url, conversation_id, activity_id, body)
        except ConnectorError as err:
            log.warning("could not update %s in %s: %s", activity_id, conversation_id, err)
            return False
        return True

    async def delete(self, conversation_id: str, activity_id: str) -> bool:
        stored = await self._conversations.get(conversation_id)
        if stored is None:
            return False
        try:
            await self._connector.delete(stored.service_url, conversation_id, activity_id)
        except ConnectorError as err:
            if err.status == 404:
                return True  # someone removed it in Teams already
            log.warning("could not delete %s in %s: %s", activity_id, conversation_id, err)
            return False
        return True


class AnnouncementSubmits:
    """A `SubmitHandler` for the announcement form, its preview and its report button."""

    def __init__(self, desk: AnnouncementDesk, conversation: Conversation) -> None:
        self._desk = desk
        self._conversation = conversation

    async def on_submit(
        self, turn_context: TurnContext, value: dict[str, Any], identity: Identity
    ) -> bool:
        if value.get("action") not in announcement_cards.ACTIONS:
            return False
        if not identity.is_office:
            reply = Reply(texts_for(Language.SV).office_only)
        else:
            now = datetime.now(UTC)
            # The office user's region, decided as for every command they type.
            person = identity.person
            region = await self._conversation.region_of(person, now.date())
            sender = turn_context.activity.from_property
            by = (person.name if person else "") or identity.upn or str(getattr(sender, "name", ""))
            reply = await self._desk.on_submit(value, region=region, by=by, now=now)
        await turn_context.send_activity(to_activity(reply))
        return True


def office_tools(
    settings: Settings,
    governance: Governance,
    db: Database,
    conversation: Conversation,
    connector: BotConnector,
) -> AnnouncementSubmits:
    posted = TeamsPostedActivities(db.conversations, connector)
    desk = AnnouncementDesk(
        governance, db.conversations, db.outbox, db.announcements, posted, settings.timezone
    )
    public = settings.public_url.rstrip("/")

    def calendar_url(group: Group) -> str:
        return f"{public}{calendar_path(group)}" if public else ""

    tools = OfficeTools(
        governance=governance,
        reader=conversation.reader,
        conversations=db.conversations,
        meetings=db.meetings,
        outbox=db.outbox,
        pauses=db.pauses,
        rules=load_delivery_rules(settings.data_dir, governance),
        announcements=desk,
        tz=settings.timezone,
        calendar_url=calendar_url,
    )
    # Conversation builds its office commands itself; the tools need the stores it lacks.
    conversation.attach_office_tools(tools)
    return AnnouncementSubmits(desk, conversation)
