"""Getting the survey card to each invited person: find or open their 1:1 chat, then outbox.

Cards go through the outbox (kind "survey", key "survey:<round>:<person>"), so the delivery
worker paces them under Teams' limits and a second run never sends a card twice. People
without a Teams id in the roster, or whose chat Teams would not open, are returned to the
office by name with the reason.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime

from bot.domain.messaging import Messenger, SendFailed
from bot.domain.model import Governance, Person, SurveyQuestion
from bot.domain.outbox import OutboxStore, Post
from bot.domain.ports import (
    ConversationKind,
    ConversationStore,
    RosterStore,
    StoredConversation,
    SurveyStore,
)
from bot.domain.survey_rounds import Invitation, SurveyRound
from dialogs import activities
from dialogs.reply import Reply
from dialogs.surveys import cards as survey_cards
from dialogs.surveys.cards import DateFormat
from dialogs.surveys.texts import TEXTS

log = logging.getLogger(__name__)

CONCURRENT_CREATES = 8  # chats opened at once; the connector retries 429s itself


class SurveySender:
    def __init__(
        self,
        governance: Governance,
        surveys: SurveyStore,
        roster: RosterStore,
        conversations: ConversationStore,
        outbox: OutboxStore,
        messenger: Messenger,
        when: DateFormat,
    ) -> None:
        self._governance = governance
        self._surveys = surveys
        self._roster = roster
        self._conversations = conversations
        self._outbox = outbox
        self._messenger = messenger
        self._when = when

    def questions(self, keys: Sequence[str], region: str) -> list[SurveyQuestion]:
        data = self._governance.region(region)
        survey = data.survey if data else None
        by_key = {q.key: q for q in survey.questions} if survey else {}
        return [by_key[k] for k in keys if k in by_key]

    def sent_by(self, region: str) -> str:
        data = self._governance.region(region)
        return data.survey.sent_by if data and data.survey else ""

    async def send_cards(
        self,
        survey: SurveyRound,
        invitations: Sequence[Invitation],
        like: StoredConversation | None,
        now: datetime,
        reminder: str = "",
    ) -> list[tuple[str, str]]:
        """Enqueue the card for each invitation; (name, reason) for those not reached."""
        people = {p.id: p for p in await self._roster.people()}
        like = like or await self._conversations.latest()
        slots = asyncio.Semaphore(CONCURRENT_CREATES)

        async def one(invitation: Invitation) -> tuple[str, str] | None:
            person = people.get(invitation.person_id)
            if person is None or person.id is None:
                return None  # left the roster, or forgotten by retention
            async with slots:
                conversation, reason = await self._reach(survey, invitation, person, like, now)
            if not conversation:
                return person.name, reason
            await self._enqueue(survey, invitation, person.id, conversation, now, reminder)
            if reminder:
                await self._surveys.mark_reminded(survey.id or 0, person.id, reminder, now)
            return None

        results = await asyncio.gather(*(one(i) for i in invitations))
        return sorted(r for r in results if r is not None)

    async def _reach(
        self,
        survey: SurveyRound,
        invitation: Invitation,
        person: Person,
        like: StoredConversation | None,
        now: datetime,
    ) -> tuple[str, str]:
        """(conversation id, "") or ("", why not); remembered on the invitation."""
        assert survey.id is not None and person.id is not None
        if invitation.conversation_id:
            return invitation.conversation_id, ""
        conversation, reason = "", ""
        aad = person.aad_object_id
        chat = await self._conversations.personal_for(aad) if aad else None
        if chat is not None:
            conversation = chat.conversation_id
        elif not aad:
            reason = TEXTS.reason_no_aad
        elif like is None:
            reason = TEXTS.reason_no_conversation
        else:
            conversation, reason = await self._create(aad, like, now)
        await self._surveys.set_reach(
            survey.id, person.id, conversation_id=conversation, unreachable=reason
        )
        return conversation, reason

    async def _create(self, aad: str, like: StoredConversation, now: datetime) -> tuple[str, str]:
        """Open a 1:1 chat with `aad` in the tenant of `like`, and store it."""
        bot = like.reference.get("bot") or {}
        parameters = {
            "isGroup": False,
            "bot": {"id": bot.get("id", "")},
            "members": [{"id": aad}],
            "tenantId": like.tenant_id,
            "channelData": {"tenant": {"id": like.tenant_id}},
        }
        try:
            created = await self._messenger.create_conversation(like.service_url, parameters)
        except SendFailed as err:
            log.warning("survey: could not open a chat with %s: %s", aad, err)
            return "", TEXTS.reason_teams.format(status=err.status)
        conversation_id = str(created.get("id") or "") if isinstance(created, dict) else ""
        if not conversation_id:
            return "", TEXTS.reason_teams.format(status="utan chatt-id")
        await self._conversations.save(personal(conversation_id, like, aad, now))
        return conversation_id, ""

    async def _enqueue(
        self,
        survey: SurveyRound,
        invitation: Invitation,
        person_id: int,
        conversation_id: str,
        now: datetime,
        reminder: str,
    ) -> None:
        card = survey_cards.answer_card(
            survey,
            self.questions(invitation.question_keys, survey.region),
            self.sent_by(survey.region),
            self._when,
            reminder=bool(reminder),
        )
        key = f"survey:{survey.id}:{person_id}" + (f":reminder:{reminder}" if reminder else "")
        title = TEXTS.card_title.format(sent_by=self.sent_by(survey.region), period=survey.period)
        await self._outbox.enqueue(
            Post(
                key=key,
                region=survey.region,
                group="",
                conversation_id=conversation_id,
                due_at=now,
                kind="survey_reminder" if reminder else "survey",
                activity=activities.message(Reply(title, card=card)),
                expires_at=survey.closes_at,
            )
        )

    async def tell_office(
        self, conversation_id: str, key: str, reply: Reply, now: datetime
    ) -> None:
        """A post to the office's chat through the outbox (after the turn has ended)."""
        await self._outbox.enqueue(
            Post(
                key=key,
                region="",
                group="",
                conversation_id=conversation_id,
                due_at=now,
                kind="survey_report",
                activity=activities.message(reply),
            )
        )


def personal(
    conversation_id: str, like: StoredConversation, aad: str, at: datetime
) -> StoredConversation:
    """A personal chat the bot created, stored so the delivery worker can post to it."""
    reference = {
        "bot": like.reference.get("bot") or {},
        "conversation": {"id": conversation_id, "conversationType": "personal"},
        "channelId": like.reference.get("channelId", "msteams"),
        "serviceUrl": like.service_url,
        "user": {"id": aad, "aadObjectId": aad},
    }
    return StoredConversation(
        conversation_id=conversation_id,
        kind=ConversationKind.PERSONAL,
        service_url=like.service_url,
        tenant_id=like.tenant_id,
        reference=reference,
        user_aad_object_id=aad,
        updated_at=at,
    )
