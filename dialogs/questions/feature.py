"""The question route: read a member's question, weigh every reading, answer or decline.

Evidence first, then the answer. A question is analysed once (`TextAnalysis`), its names
found (`EntityFinder`), and then every kind of question (`dialogs.questions.kinds`)
proposes itself with a fit; the documents bring their own evidence (`DocumentAnswers`).
A kind wins only when its fit beats what the documents say; words the kind cannot account
for count against it ("Hur *väljs* ordföranden?" is not "who is the chair"). When nothing
is strong enough the bot says it does not know, suggests close questions it can answer,
and offers to pass the question on to the office.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.model import Governance
from bot.domain.ports import MeetingStore, RosterStore
from bot.domain.questions import Language
from bot.domain.search.hybrid import HybridIndex, Vector
from bot.domain.understanding.entities import EntityFinder
from bot.domain.understanding.text import MAX_CHARS, TextAnalysis
from bot.domain.understanding.when import day_asked_about
from dialogs import cards
from dialogs.actions import ActionName
from dialogs.help import HelpBuilder
from dialogs.questions.documents import ANSWERS, NEAREST, DocumentAnswers, Found, confidence
from dialogs.questions.kinds import all_kinds
from dialogs.questions.kinds.base import Asked, Context, Kind, Proposal
from dialogs.reply import Reply
from dialogs.routing import Turn
from dialogs.texts import Texts, texts_for

log = logging.getLogger(__name__)

EmbedQuery = Callable[[str], Awaitable[Vector | None]]

UNEXPLAINED = 0.15  # per content word a kind cannot account for
UNUSED_NAME = 0.1  # per name (group, role, organisation) a kind does not use
# A person named is the most specific thing a question can say: an answer that ignores
# them ("Vad gör Nils Nämndsson i DPS?" answered with what DPS does) is beside the point.
UNUSED_PERSON = 0.3
SURE = 0.85  # a kind this sure answers without asking the documents
KIND_FLOOR = 0.6  # below this a kind never answers
SECOND_PASSAGE = 0.85  # a second passage this close to the first is quoted too


NAMES = ("group", "role", "organisation", "person")
PEOPLE = frozenset({"person", "self"})  # a person named, or the asker speaking of themselves


@dataclass(frozen=True)
class Choice:
    proposal: Proposal | None
    score: float
    # The terms of the question's content words the kind does not account for.
    unexplained: tuple[str, ...] = ()


class Questions:
    def __init__(
        self,
        governance: Governance,
        roster: RosterStore,
        meetings: MeetingStore,
        tz: ZoneInfo,
        help_builder: HelpBuilder,
        analysis: TextAnalysis,
        index: HybridIndex,
        embed_query: EmbedQuery,
    ) -> None:
        self._roster = roster
        self._help = help_builder
        self._analysis = analysis
        self.analysis = analysis
        self.entities = EntityFinder(governance, analysis)
        self.documents = DocumentAnswers(governance, index, analysis, tz)
        self._kinds: Sequence[Kind] = all_kinds(Context(governance, roster, meetings, tz), analysis)
        self._tz = tz
        self.embed = embed_query

    def language_of(self, text: str) -> Language:
        return self._analysis.analyse(text).language

    async def answer(self, turn: Turn) -> Reply:
        analysed = self._analysis.analyse(turn.text)
        texts = texts_for(analysed.language)
        if len(turn.text) > MAX_CHARS:
            # Only the start would be read: better to say so than answer half a message.
            return Reply(texts.too_long.format(limit=f"{MAX_CHARS:,}".replace(",", " ")))
        if not analysed.words:
            return self._help.reply(analysed.language, is_office=turn.is_office)
        found = self.entities.find(analysed, turn.region, await self._roster.people())
        region = found.region or (found.group.region if found.group else turn.region)
        today = turn.now.astimezone(self._tz).date()
        on = day_asked_about(analysed.folded, today)
        asked = Asked(
            analysed,
            found,
            region,
            turn.person,
            turn.now,
            turn.is_office,
            on if on != today else None,
        )
        if found.unknown_place or (found.region and found.group is None and found.elsewhere):
            # A place the data does not know, or a group the named region does not have.
            return not_understood(texts, turn.text, self._suggestions(asked, []))
        best = self._best_kind(asked)
        held: Reply | None = None  # a kind's "the roster has nobody": said if nothing better
        # Sure only when the kind accounts for every word: a word it leaves over
        # ("Vem är *arbetsgivare* för personalen …") may be what the documents answer.
        if best.proposal is not None and best.score >= SURE and not best.unexplained:
            reply = await best.proposal.kind.answer(best.proposal, asked, texts)
            if not reply.declined:
                return reply
            if getattr(best.proposal.kind, "roster_only", False):
                # The documents name no office holders: their passages would only look
                # like an answer.
                suggestions = self._suggestions(asked, [])
                return with_office_button(reply, texts, turn.text, suggestions)
            held = reply
        vector = await self.embed(self.documents.query(asked))
        evidence = self.documents.evidence(asked, vector)
        top = evidence[0] if evidence else None
        document_score = top.score if top else 0.0
        certainty = confidence(evidence, asked)
        sure = top if top is not None and certainty >= ANSWERS else None
        kind_first = best.proposal is not None and best.score >= KIND_FLOOR
        # A question can ask more than the kind answers ("Vem leder styrgruppens *möten*
        # och vem är det nu?"): when the passage the documents are sure of holds the words
        # the kind leaves over, both answer, the better-scored one first.
        both = kind_first and sure is not None and self.documents.holds(sure, best.unexplained)
        if held is None and kind_first and (both or best.score >= document_score):
            assert best.proposal is not None
            reply = await best.proposal.kind.answer(best.proposal, asked, texts)
            if not reply.declined:
                if sure is None and (leftover := self._leftover(best, evidence, certainty)):
                    nearest = self.documents.answer(leftover, asked, texts, unsure=True)
                    return with_forward(together(reply, nearest), texts, turn.text)
                if sure is None or not both:
                    return reply
                passage = self.documents.answer(sure, asked, texts)
                if best.score >= document_score:
                    return together(reply, passage)
                return together(passage, reply)
            held = reply
        if sure is not None:
            second = evidence[1] if len(evidence) > 1 else None
            also = second if second and second.score >= sure.score * SECOND_PASSAGE else None
            return self.documents.answer(sure, asked, texts, also)
        if held is not None:
            if leftover := self._leftover(best, evidence, certainty):
                # Neither is an answer ("the roster has nobody", a passage not sure of).
                nearest = self.documents.answer(leftover, asked, texts, unsure=True)
                shown = with_forward(together(held, nearest), texts, turn.text)
                return replace(shown, declined=True)
            return with_office_button(held, texts, turn.text, self._suggestions(asked, evidence))
        if top is not None and certainty >= NEAREST:
            nearest = self.documents.answer(top, asked, texts, unsure=True)
            # The passage shown is not suggested again; the next-closest sections are.
            closer = self._suggestions(asked, evidence[1:])
            return with_office_button(nearest, texts, turn.text, closer)
        return not_understood(texts, turn.text, self._suggestions(asked, evidence))

    def _leftover(self, best: Choice, evidence: Sequence[Found], certainty: float) -> Found | None:
        """The closest passage holding the words the kind leaves over ("Vem är
        *arbetsgivare* för personalen …"), when the documents come near but are not sure:
        shown after the kind's answer as the closest they come, with the office."""
        if certainty < NEAREST or not best.unexplained:
            return None
        return next((f for f in evidence[:3] if self.documents.holds(f, best.unexplained)), None)

    def _best_kind(self, asked: Asked) -> Choice:
        return best_kind(self._kinds, asked, self._tz)

    def _suggestions(self, asked: Asked, evidence: Sequence[Found]) -> tuple[str, ...]:
        """Close questions the bot can answer: about the group the question named, and the
        sections retrieval came nearest to."""
        texts = texts_for(asked.analysed.language)
        out: list[str] = []
        if asked.group is not None:
            out += [s.format(group=asked.group.name) for s in texts.group_suggestions]
        for found in evidence:
            title = found.evidence.passage.title
            suggestion = texts.section_suggestion.format(title=title)
            if title and suggestion not in out:
                out.append(suggestion)
        out += [e for e in texts.examples if e not in out]
        return tuple(out[:3])


def best_kind(kinds: Sequence[Kind], asked: Asked, tz: ZoneInfo) -> Choice:
    """The kind whose proposal fits best, after what it leaves unexplained: content words
    it cannot account for, and names of the question it does not use."""
    best = Choice(None, 0.0)
    content = asked.analysed.content
    given = {n for n in NAMES if getattr(asked.found, n) is not None}
    if asked.analysed.self_reference and asked.found.person is None:
        given.add("self")  # "Vad har *jag* för roll …": the asker is named
    # A past year only: the roster is read for today or a later day (`Asked.on`).
    years = [int(y) for y in asked.found.years]
    other_year = bool(years) and max(years) < asked.now.astimezone(tz).year
    for kind in kinds:
        if other_year and getattr(kind, "states_now", False):
            # The roster tells how things stand now: "Vem var ordförande 2020?" is not
            # "who is the chair"; the documents may still speak of that year.
            continue
        proposal = kind.propose(asked)
        if proposal is None:
            continue
        unexplained = content - asked.found.named - proposal.explains
        unused = given - proposal.uses
        unused_cost = sum(UNUSED_PERSON if n in PEOPLE else UNUSED_NAME for n in unused)
        score = proposal.fit - UNEXPLAINED * len(unexplained) - unused_cost
        log.debug("%s: fit %.2f, unexplained %d", kind.name, proposal.fit, len(unexplained))
        if score > best.score:
            terms = tuple(asked.analysed.terms[i] for i in sorted(unexplained))
            best = Choice(proposal, score, terms)
    return best


def together(first: Reply, then: Reply) -> Reply:
    """Two answers to one question in one reply; a card carries the other's text too."""
    text = f"{first.text}\n\n{then.text}"
    if first.card is not None:
        body = [*first.card["body"], cards.text_block(then.text)]
        return Reply(text, card=cards.card(body, first.card.get("actions", ())))
    if then.card is not None:
        body = [cards.text_block(first.text), *then.card["body"]]
        return Reply(text, card=cards.card(body, then.card.get("actions", ())))
    return Reply(text)


def forward_button(texts: Texts, question: str) -> dict[str, Any]:
    """The button that passes the question to the office."""
    return cards.submit(
        texts.forward_button, {"action": ActionName.FORWARD_QUESTION.value, "question": question}
    )


def with_forward(reply: Reply, texts: Texts, question: str) -> Reply:
    """An answer with the button that passes the question to the office."""
    forward = forward_button(texts, question)
    body = reply.card["body"] if reply.card is not None else [cards.text_block(reply.text)]
    actions = [*(reply.card.get("actions", ()) if reply.card is not None else ()), forward]
    return Reply(reply.text, card=cards.card(body, actions), suggestions=reply.suggestions)


def with_office_button(
    reply: Reply, texts: Texts, question: str, suggestions: Sequence[str]
) -> Reply:
    """What a kind knows it does not know ("the roster has no chair"), with the button that
    passes the question to the office."""
    forward = forward_button(texts, question)
    content = cards.suggestions_card(reply.text, suggestions, [forward])
    return Reply(reply.text, card=content, suggestions=tuple(suggestions), declined=True)


def not_understood(texts: Texts, question: str, suggestions: Sequence[str]) -> Reply:
    """ "I don't know", close questions it can answer, and a button to ask the office."""
    forward = forward_button(texts, question)
    content = cards.suggestions_card(texts.not_understood, suggestions, [forward])
    return Reply(
        texts.not_understood + "\n" + "\n".join(f"- {q}" for q in suggestions),
        card=content,
        suggestions=tuple(suggestions),
        declined=True,
    )
