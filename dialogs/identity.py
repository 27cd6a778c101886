"""Who wrote: a Teams user matched to a roster person, cached so a turn costs no lookup.

First by AAD object id; the first time, through the member's e-mail/UPN from the
connector, after which the AAD id is stored on the person for next time.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from bot.domain.messaging import Messenger, SendFailed
from bot.domain.model import Person
from bot.domain.ports import RosterStore

log = logging.getLogger(__name__)

_TTL = 300.0  # seconds: roster edits reach a chatting member within five minutes
_MAX_ENTRIES = 20_000


@dataclass(frozen=True, slots=True)
class Identity:
    person: Person | None
    upn: str  # e-mail or UPN as Teams knows it ("" when unknown)
    is_office: bool


class IdentityResolver:
    def __init__(
        self, roster: RosterStore, messenger: Messenger, office_users: frozenset[str]
    ) -> None:
        self._roster = roster
        self._messenger = messenger
        self._office_users = office_users  # lower-case e-mail/UPN or AAD object ids
        self._cache: dict[str, tuple[float, Identity]] = {}

    async def resolve(
        self, *, aad_object_id: str | None, member_id: str, conversation_id: str, service_url: str
    ) -> Identity:
        key = aad_object_id or member_id
        cached = self._cache.get(key)
        if cached is not None and time.monotonic() - cached[0] < _TTL:
            return cached[1]
        identity = await self._lookup(aad_object_id, member_id, conversation_id, service_url)
        if len(self._cache) >= _MAX_ENTRIES:
            self._cache.clear()
        self._cache[key] = (time.monotonic(), identity)
        return identity

    async def _lookup(
        self, aad_object_id: str | None, member_id: str, conversation_id: str, service_url: str
    ) -> Identity:
        person = await self._roster.person_by_aad(aad_object_id) if aad_object_id else None
        upn = person.email if person else ""
        if person is None:
            member = await self._member(member_id, conversation_id, service_url)
            upn = str(member.get("email") or member.get("userPrincipalName") or upn)
            aad_object_id = aad_object_id or member.get("aadObjectId")
            if person is None and upn:
                person = await self._roster.person_by_email(upn)
                if person is not None and person.id is not None and aad_object_id:
                    await self._roster.link_aad(person.id, aad_object_id)
        is_office = self.is_office(aad_object_id, upn)
        return Identity(person=person, upn=upn, is_office=is_office)

    def is_office(self, *identities: str | None) -> bool:
        return any(i and i.strip().lower() in self._office_users for i in identities)

    async def _member(self, member_id: str, conversation_id: str, service_url: str) -> dict:
        if not service_url or not member_id:
            return {}
        try:
            return await self._messenger.member(service_url, conversation_id, member_id) or {}
        except SendFailed as err:
            # Not fatal: the member is answered as someone the roster does not know.
            log.warning("could not look up member %s in %s: %s", member_id, conversation_id, err)
            return {}
