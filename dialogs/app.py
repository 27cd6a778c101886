"""The bot's logic as one object: a message or card submit in, one reply out.

The Teams edge (`bot.teams`) and the terminal chat (`bot.chat`) both turn what arrived into
an `Incoming` and call `App.handle`; neither knows how it is understood or answered. Here
the sender is matched to the roster, their region decided, and the route table
(`dialogs.routes`) picks what runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.clock import Clock
from bot.domain.model import Governance, Person
from bot.domain.names import match_region
from bot.domain.ports import ConversationKind, RosterStore
from bot.domain.questions import Language
from dialogs.identity import Identity, IdentityResolver
from dialogs.reply import Reply
from dialogs.routing import Router, SentFile, Turn
from dialogs.texts import texts_for


@dataclass(frozen=True, slots=True)
class Incoming:
    """What arrived, as the edge read it; nothing resolved yet."""

    text: str
    conversation_id: str
    kind: ConversationKind
    sender_id: str = ""  # the channel's id for the sender ("29:…")
    sender_name: str = ""
    aad_object_id: str = ""
    service_url: str = ""
    channel_name: str = ""
    value: Mapping[str, Any] = field(default_factory=dict)  # a card submit's data
    reply_to_id: str = ""
    files: tuple[SentFile, ...] = ()


class App:
    def __init__(
        self,
        governance: Governance,
        roster: RosterStore,
        identities: IdentityResolver,
        router: Router,
        clock: Clock,
        default_region: str,
        tz: ZoneInfo,
    ) -> None:
        region = match_region(governance, default_region)
        if region is None:
            names = ", ".join(d.region.name for d in governance.regions)
            raise ValueError(
                f"BOT_DEFAULT_REGION={default_region!r} är ingen region i data/ (finns: {names})"
            )
        self.default_region = region.key
        self.router = router
        self.identities = identities
        self._roster = roster
        self._clock = clock
        self._tz = tz

    async def handle(self, incoming: Incoming, identity: Identity | None = None) -> Reply:
        """The reply to one message or card submit. `identity`: the sender when the caller
        already knows them (the terminal chat); else looked up from Teams' ids."""
        if identity is None:
            identity = await self.identities.resolve(
                aad_object_id=incoming.aad_object_id or None,
                member_id=incoming.sender_id,
                conversation_id=incoming.conversation_id,
                service_url=incoming.service_url,
            )
        now = self._clock.now()
        person = identity.person
        turn = Turn(
            text=incoming.text,
            conversation_id=incoming.conversation_id,
            kind=incoming.kind,
            now=now,
            region=await self.region_of(person, now.astimezone(self._tz).date()),
            person=person,
            upn=identity.upn,
            aad_object_id=incoming.aad_object_id,
            sender_name=incoming.sender_name,
            is_office=identity.is_office,
            channel_name=incoming.channel_name,
            value=incoming.value,
            reply_to_id=incoming.reply_to_id,
            service_url=incoming.service_url,
            files=incoming.files,
        )
        return await self.router.dispatch(turn)

    def greeting(self, kind: ConversationKind) -> str:
        texts = texts_for(Language.SV)
        return texts.greeting_personal if kind is ConversationKind.PERSONAL else texts.greeting_team

    async def region_of(self, person: Person | None, today: date) -> str:
        """The person's region from the roster, else BOT_DEFAULT_REGION."""
        if person is None or person.id is None:
            return self.default_region
        memberships = await self._roster.memberships_of_person(person.id, today)
        return memberships[0].region if memberships else self.default_region
