"""Questions the bot cannot answer go to the office; the office's answer goes back.

Two card submits (see `dialogs.routes`):

- the member's "Skicka frågan till kansliet": store the question, post the office card to
  the office's channel (see `dialogs.office`), else to each office user's 1:1 chat with the
  bot, and confirm;
- the office card's "Skicka svaret": store the answer once, send it to the chat the question
  came from, and turn the office card into its answered state.

Everything is stored before anything is sent, so a question nobody could be reached about
still shows in `python -m bot questions unanswered`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.domain.messaging import JSON, Messenger, SendFailed
from bot.domain.model import Governance
from bot.domain.ports import ConversationStore, OfficeQuestion, QuestionStore, StoredConversation
from bot.domain.questions import Language
from dialogs import activities
from dialogs.office import OfficeDirectory
from dialogs.office_questions import cards as forwarding
from dialogs.reply import Reply
from dialogs.routing import Turn
from dialogs.texts import Texts, texts_for

log = logging.getLogger(__name__)

# Two submits of the same question from one chat this close together are one double click.
DOUBLE_CLICK_WINDOW = timedelta(minutes=3)
MAX_QUESTION = 4000

OFFICE_TEXTS = texts_for(Language.SV)  # the office works in Swedish, whatever the member wrote

LanguageOf = Callable[[str, str], Language]  # (question, region) -> the question's language


class OfficeForwarding:
    def __init__(
        self,
        governance: Governance,
        questions: QuestionStore,
        conversations: ConversationStore,
        office: OfficeDirectory,
        messenger: Messenger,
        language_of: LanguageOf,
        tz: ZoneInfo,
    ) -> None:
        self._governance = governance
        self._questions = questions
        self._conversations = conversations
        self._office = office
        self._messenger = messenger
        self._language_of = language_of
        self._tz = tz

    # -- the member's question ---------------------------------------------------------------

    async def forward(self, turn: Turn) -> Reply:
        question_text = turn.value.get("question")
        text = str(question_text if isinstance(question_text, str) else "").strip()
        text = text[:MAX_QUESTION]
        region = turn.region
        texts = self._member_texts(text, region)
        office = self._office.name(region, texts.office_fallback_name)
        if not text:
            return Reply(texts.forward_empty)
        person = turn.person
        question, new = await self._questions.add(
            OfficeQuestion(
                id=None,
                region=region,
                text=text,
                asker_name=person.name if person else turn.sender_name,
                asker_upn=turn.upn,
                asker_conversation_id=turn.conversation_id,
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
        activity = activities.card_message(forwarding.office_card(OFFICE_TEXTS, question, region))
        for binding in await self._office.channels(question.region):
            # The bot can only post where it has seen a message (its service URL).
            target = await self._conversations.get(binding.conversation_id)
            if target is None:
                continue
            posted = await self._send(target, activity, _channel_root(target.conversation_id))
            if posted is not None:
                await self._questions.mark_posted(question.id, *posted)
                return True
        reached = False
        for target in await self._office.chats():
            posted = await self._send(target, activity, target.conversation_id)
            if posted is not None and not reached:
                # Only the first card is kept for updating in place; see answer().
                await self._questions.mark_posted(question.id, *posted)
            reached = reached or posted is not None
        return reached

    # -- the office's answer -----------------------------------------------------------------

    async def answer(self, turn: Turn) -> Reply:
        """The office card's submit (office only: the route table checks)."""
        texts = OFFICE_TEXTS
        question_id, answer = forwarding.read_answer(dict(turn.value))
        question = await self._questions.get(question_id) if question_id is not None else None
        if question is None or question_id is None:
            return Reply(texts.answer_unknown_question)
        if question.answered:
            await self._show_answered(question, turn)  # the clicked card may be stale
            return forwarding.already_answered(texts, question, self._tz)
        if not answer:
            return Reply(texts.answer_empty)
        result = await self._questions.answer(question_id, answer, turn.by)
        if result is None:
            return Reply(texts.answer_unknown_question)
        question, first = result
        if not first:  # someone else answered between our read and our write
            await self._show_answered(question, turn)
            return forwarding.already_answered(texts, question, self._tz)
        delivered = await self._deliver(question)
        await self._show_answered(question, turn)
        return forwarding.answer_sent(texts, question, delivered=delivered)

    async def _deliver(self, question: OfficeQuestion) -> bool:
        chat = await self._conversations.get(question.asker_conversation_id)
        if chat is None:
            log.warning("question %s: the asker's conversation is not stored", question.id)
            return False
        texts = self._member_texts(question.text, question.region)
        office = self._office.name(question.region, texts.office_fallback_name)
        reply = forwarding.answer_for_member(texts, question, office)
        return await self._send(chat, activities.message(reply), chat.conversation_id) is not None

    async def _show_answered(self, question: OfficeQuestion, turn: Turn) -> None:
        """Replace the office card(s) with the answered state: the posted one and the
        clicked one (a different card when the question went to several office users)."""
        region = forwarding.region_name(self._governance, question.region)
        done = activities.card_message(forwarding.answered_card(OFFICE_TEXTS, question, region))
        places: dict[str, str] = {}  # activity id -> conversation id
        if question.office_activity_id:
            places[question.office_activity_id] = question.office_conversation_id
        if turn.reply_to_id:
            places.setdefault(turn.reply_to_id, turn.conversation_id)
        for activity_id, conversation_id in places.items():
            stored = await self._conversations.get(conversation_id)
            url = stored.service_url if stored else turn.service_url
            try:
                await self._messenger.update(
                    url, conversation_id, activity_id, dict(done, id=activity_id)
                )
            except SendFailed as err:
                # Not fatal: the answer is stored and sent; a second click is refused anyway.
                log.warning("question %s: card %s not updated: %s", question.id, activity_id, err)

    # -- helpers -----------------------------------------------------------------------------

    def _member_texts(self, text: str, region: str) -> Texts:
        """The member is answered in the language of their question, as the bot did."""
        return texts_for(self._language_of(text, region))

    async def _send(
        self, target: StoredConversation, activity: JSON, conversation_id: str
    ) -> tuple[str, str] | None:
        """(conversation id, activity id) of the posted message, or None when it failed."""
        try:
            result = await self._messenger.send(target.service_url, conversation_id, activity)
        except SendFailed as err:
            log.warning("could not post to %s: %s", conversation_id, err)
            return None
        activity_id = str(result.get("id", "")) if isinstance(result, dict) else ""
        return conversation_id, activity_id


def _channel_root(conversation_id: str) -> str:
    """A channel's id without ";messageid=…": each question starts a thread of its own."""
    return conversation_id.split(";messageid=", 1)[0]
