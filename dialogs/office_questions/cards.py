"""Passing a question to the office and its answer back: the cards and the words, no HTTP.

The office card carries the question and an answer box; its submit comes back as
`{"action": "answer_question", "question_id": N, ANSWER_INPUT: "<text>"}`. Once answered, the
same card is replaced by `answered_card`, so nobody at the office answers twice by mistake.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from bot.domain.ids import row_id
from bot.domain.model import Governance
from bot.domain.ports import OfficeQuestion
from dialogs import cards
from dialogs.actions import ActionName
from dialogs.reply import Reply
from dialogs.texts import Texts

ANSWER_INPUT = "answer"  # the Input.Text id: its text arrives in the submit's value under it
MAX_ANSWER = 4000  # well under Teams' ~28 KB message limit, with the card around it


def region_name(governance: Governance, region: str) -> str:
    data = governance.region(region)
    return data.region.name if data else region


def asker_label(question: OfficeQuestion) -> str:
    if question.asker_name and question.asker_upn:
        return f"{question.asker_name} ({question.asker_upn})"
    return question.asker_name or question.asker_upn or "?"


def office_card(texts: Texts, question: OfficeQuestion, region: str) -> cards.Card:
    """The card the office gets: who asked, where, what, and a box for the answer."""
    answer_box: cards.Element = {
        "type": "Input.Text",
        "id": ANSWER_INPUT,
        "label": texts.forward_answer_label,
        "placeholder": texts.forward_answer_placeholder,
        "isMultiline": True,
        "isRequired": True,
        "errorMessage": texts.forward_answer_missing,
        "maxLength": MAX_ANSWER,
    }
    send = cards.submit(
        texts.forward_answer_button,
        {"action": ActionName.ANSWER_QUESTION.value, "question_id": question.id},
    )
    return cards.card([*_header(texts, question, region), answer_box], [send])


def answered_card(texts: Texts, question: OfficeQuestion, region: str) -> cards.Card:
    """The office card once answered: the answer where the box was, and no button."""
    done = texts.answered_by.format(by=question.answered_by, answer=question.answer)
    return cards.card([*_header(texts, question, region), cards.text_block(done)])


def _header(texts: Texts, question: OfficeQuestion, region: str) -> list[cards.Element]:
    return [
        cards.text_block(
            texts.forward_card_title.format(region=region), weight="Bolder", size="Medium"
        ),
        cards.fact_set(
            [(texts.forward_asked_by, asker_label(question)), (texts.forward_region, region)]
        ),
        cards.text_block(question.text),
    ]


def forwarded(texts: Texts, office: str, *, reached: bool) -> Reply:
    """The member's confirmation; honest when nobody at the office could be reached now."""
    return Reply((texts.forward_sent if reached else texts.forward_kept).format(office=office))


def repeated(texts: Texts, office: str) -> Reply:
    return Reply(texts.forward_repeat.format(office=office))


def answer_for_member(texts: Texts, question: OfficeQuestion, office: str) -> Reply:
    """The answer as the member sees it: their question quoted, the answer, who answered."""
    return Reply(
        texts.answer_to_member.format(
            office=office,
            question=quote(question.text),
            answer=question.answer,
            by=question.answered_by,
        )
    )


def already_answered(texts: Texts, question: OfficeQuestion, tz: tzinfo) -> Reply:
    at = question.answered_at
    when = at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if at else "?"
    return Reply(
        texts.answer_already.format(by=question.answered_by, when=when, answer=question.answer)
    )


def answer_sent(texts: Texts, question: OfficeQuestion, *, delivered: bool) -> Reply:
    if delivered:
        return Reply(texts.answer_sent.format(asker=question.asker_name or question.asker_upn))
    return Reply(
        texts.answer_not_delivered.format(
            asker=question.asker_name or question.asker_upn, upn=question.asker_upn or "?"
        )
    )


def quote(text: str) -> str:
    """Markdown block quote, line by line, so a multi-line question stays one quote."""
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines() or [""])


def read_answer(value: dict[str, Any]) -> tuple[int | None, str]:
    """The question id and the answer text from an answer submit; (None, "") when absent.

    Teams sends card data as the author wrote it, but a client may turn the number into a
    string; anything that is not a whole number is no question id.
    """
    question_id = row_id(value.get("question_id"))
    answer = value.get(ANSWER_INPUT)
    text = answer.strip() if isinstance(answer, str) else ""
    return question_id, text[:MAX_ANSWER]
