"""Questions the bot cannot answer go to the office; the office's answer goes back.

Two card submits (routed by `SamverkansHandler`):

- `forward_question` (the member's "Skicka frågan till kansliet"): store the question, post
  the office card to the office's channel (a channel bound to the region's `kansli` group,
  else the default region's), else to each office user's 1:1 chat with the bot, and confirm.
- `answer_question` (the office card's "Skicka svaret"): store the answer once, send it to
  the chat the question came from, and turn the office card into its answered state.

Everything is stored before anything is sent, so a question nobody could be reached about
still shows in `python -m bot questions unanswered`.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from botbuilder.core import TurnContext

from bot.domain.model import Governance, GroupKind
from bot.domain.ports import (
    ConversationKind,
    ConversationStore,
    OfficeQuestion,
    QuestionStore,
    RosterStore,
    StoredConversation,
)
from bot.domain.questions import Language
from bot.settings import Settings
from bot.teams.connector import JSON, BotConnector, ConnectorError
from bot.teams.identity import Identity
from bot.teams.outgoing import to_activity
from bot.teams.wire import to_wire
from dialogs import forwarding
from dialogs.cards import Card, card_fallback_text
from dialogs.conversation import Conversation
from dialogs.reply import Reply
from dialogs.texts import Texts, texts_for

log = logging.getLogger(__name__)

# Two submits of the same question from one chat this close together are one double click.
DOUBLE_CLICK_WINDOW = timedelta(minutes=3)
MAX_QUESTION = 4000

OFFICE_TEXTS = texts_for(Language.SV)  # the office works in Swedish, whatever the member wrote


class OfficeForwarding:
    """A `SubmitHandler` for `forward_question` and `answer_question`."""

    def __init__(
        self,
        governance: Governance,
        conversation: Conversation,
        questions: QuestionStore,
        conversations: ConversationStore,
        roster: RosterStore,
        connector: BotConnector,
        settings: Settings,
    ) -> None:
        self._governance = governance
        self._conversation = conversation
        self._questions = questions
        self._conversations = conversations
        self._roster = roster
        self._connector = connector
        self._settings = settings

    async def on_submit(
        self, turn_context: TurnContext, value: dict[str, Any], identity: Identity
    ) -> bool:
        match value.get("action"):
            case forwarding.FORWARD_ACTION:
                reply = await self.forward_question(turn_context.activity, value, identity)
            case forwarding.ANSWER_ACTION:
                reply = await self.answer_question(turn_context.activity, value, identity)
            case _:
                return False
        await turn_context.send_activity(to_activity(reply))
        return True

    # -- the member's question ---------------------------------------------------------------

    async def forward_question(
        self, activity: Any, value: dict[str, Any], identity: Identity
    ) -> Reply:
        text = str(value.get("question") or "").strip()[:MAX_QUESTION]
        # The Conversation decides a member's region for every answer; ask it, not a copy.
        today = datetime.now(self._settings.timezone).date()
        region = await self._conversation.region_of(identity.person, today)
        texts = self._member_texts(text, region)
        office = forwarding.office_name(self._governance, region, texts)
        if not text:
            return Reply(texts.forward_empty)
        sender = activity.from_property
        person = identity.person
        question, new = await self._questions.add(
            OfficeQuestion(
                id=None,
                region=region,
                text=text,
                asker_name=person.name if person else str(getattr(sender, "name", "") or ""),
                asker_upn=identity.upn,
                asker_conversation_id=activity.conversation.id,
                asker_person_id=person.id if person else None,
            ),
            dedupe_within=DOUBLE_CLICK_WINDOW,
        )
        if not new:
            return forwarding.repeated(texts, office)
        reached = await self._post_to_office(question)
        log.info("question %s for %s: office reached=%s", question.id, region, reached)
        return forwarding.forwarded(texts, office, reached=reached)

    async def _post_to_office(self, question: OfficeQuestion) -> bool:
        """One office channel, else every office user's 1:1 chat; False when none took it."""
        assert question.id is not None
        region = forwarding.region_name(self._governance, question.region)
        card = forwarding.office_card(OFFICE_TEXTS, question, region)
        activity = _card_activity(card)
        for target in await self._office_channels(question.region):
            posted = await self._send(target, activity, _channel_root(target.conversation_id))
            if posted is not None:
                await self._questions.mark_posted(question.id, *posted)
                return True
        reached = False
        for target in await self._office_chats():
            posted = await self._send(target, activity, target.conversation_id)
            if posted is not None and not reached:
                # Only the first card is kept for updating in place; see answer_question.
                await self._questions.mark_posted(question.id, *posted)
            reached = reached or posted is not None
        return reached

    async def _office_channels(self, region: str) -> list[StoredConversation]:
        regions = [region, self._conversation.default_region]
        bindings = await self._conversations.bindings()
        found: list[StoredConversation] = []
        for key in dict.fromkeys(regions):  # the asker's region first, then the default
            office_groups = self._office_groups(key)
            for binding in bindings:
                if binding.region != key or binding.group not in office_groups:
                    continue
                # The bot can only post where it has seen a message (its service URL).
                stored = await self._conversations.get(binding.conversation_id)
                if stored is not None:
                    found.append(stored)
        return found

    def _office_groups(self, region: str) -> set[str]:
        data = self._governance.region(region)
        return {g.key for g in data.groups if g.kind is GroupKind.OFFICE} if data else set()

    async def _office_chats(self) -> list[StoredConversation]:
        """The office users' personal chats with the bot, for those who have one."""
        chats: dict[str, StoredConversation] = {}
        for user in sorted(self._settings.office_users):
            aad: str | None = user
            if "@" in user:  # an e-mail: the roster knows the AAD id once they have written
                person = await self._roster.person_by_email(user)
                aad = person.aad_object_id if person else None
            chat = await self._conversations.personal_for(aad) if aad else None
            if chat is not None and chat.kind is ConversationKind.PERSONAL:
                chats[chat.conversation_id] = chat
        return list(chats.values())

    # -- the office's answer -----------------------------------------------------------------

    async def answer_question(
        self, activity: Any, value: dict[str, Any], identity: Identity
    ) -> Reply:
        texts = OFFICE_TEXTS
        if not identity.is_office:
            return Reply(texts.answer_only_office)
        question_id, answer = forwarding.read_answer(value)
        question = await self._questions.get(question_id) if question_id is not None else None
        if question is None or question_id is None:
            return Reply(texts.answer_unknown_question)
        if question.answered:
            await self._show_answered(question, activity)  # the clicked card may be stale
            return forwarding.already_answered(texts, question, self._settings.timezone)
        if not answer:
            return Reply(texts.answer_empty)
        sender = activity.from_property
        by = identity.person.name if identity.person else identity.upn
        result = await self._questions.answer(
            question_id, answer, by or str(getattr(sender, "name", "") or "")
        )
        if result is None:
            return Reply(texts.answer_unknown_question)
        question, first = result
        if not first:  # someone else answered between our read and our write
            await self._show_answered(question, activity)
            return forwarding.already_answered(texts, question, self._settings.timezone)
        delivered = await self._deliver(question)
        await self._show_answered(question, activity)
        return forwarding.answer_sent(texts, question, delivered=delivered)

    async def _deliver(self, question: OfficeQuestion) -> bool:
        chat = await self._conversations.get(question.asker_conversation_id)
        if chat is None:
            log.warning("question %s: the asker's conversation is not stored", question.id)
            return False
        texts = self._member_texts(question.text, question.region)
        office = forwarding.office_name(self._governance, question.region, texts)
        reply = forwarding.answer_for_member(texts, question, office)
        activity = to_wire(to_activity(reply))
        return await self._send(chat, activity, chat.conversation_id) is not None

    async def _show_answered(self, question: OfficeQuestion, activity: Any) -> None:
        """Replace the office card(s) with the answered state: the posted one and the
        clicked one (a different card when the question went to several office users)."""
        region = forwarding.region_name(self._governance, question.region)
        done = _card_activity(forwarding.answered_card(OFFICE_TEXTS, question, region))
        service_url = activity.service_url or ""
        places: dict[str, str] = {}  # activity id -> conversation id
        if question.office_activity_id:
            places[question.office_activity_id] = question.office_conversation_id
        if activity.reply_to_id and activity.conversation:
            places.setdefault(activity.reply_to_id, activity.conversation.id)
        for activity_id, conversation_id in places.items():
            stored = await self._conversations.get(conversation_id)
            url = stored.service_url if stored else service_url
            try:
                await self._connector.update(
                    url, conversation_id, activity_id, dict(done, id=activity_id)
                )
            except ConnectorError as err:
                # Not fatal: the answer is stored and sent; a second click is refused anyway.
                log.warning("question %s: card %s not updated: %s", question.id, activity_id, err)

    # -- helpers -----------------------------------------------------------------------------

    def _member_texts(self, text: str, region: str) -> Texts:
        """The member is answered in the language of their question, as the bot did."""
        return texts_for(self._conversation.reader.read(text, region).language)

    async def _send(
        self, target: StoredConversation, activity: JSON, conversation_id: str
    ) -> tuple[str, str] | None:
        """(conversation id, activity id) of the posted message, or None when it failed."""
        try:
            result = await self._connector.send(target.service_url, conversation_id, activity)
        except ConnectorError as err:
            log.warning("could not post to %s: %s", conversation_id, err)
            return None
        activity_id = str(result.get("id", "")) if isinstance(result, dict) else ""
        return conversation_id, activity_id


def _card_activity(card: Card) -> JSON:
    return to_wire(to_activity(Reply(card_fallback_text(card), card=card)))


def _channel_root(conversation_id: str) -> str:
    """A channel's id without ";messageid=…": each question starts a thread of its own."""
    return conversation_id.split(";messageid=", 1)[0]
