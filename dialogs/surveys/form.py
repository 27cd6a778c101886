"""The office's card for opening a survey round by hand: period, close date, which questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.domain.model import SurveyQuestion
from dialogs import cards
from dialogs.actions import ActionName
from dialogs.reply import Reply

OPEN_ACTION = ActionName.SURVEY_OPEN


@dataclass(frozen=True)
class OpenRequest:
    period: str
    closes: date
    question_keys: tuple[str, ...]


def open_form(questions: Sequence[SurveyQuestion], period: str, closes: date) -> Reply:
    body: list[cards.Element] = [
        cards.text_block("Ny enkätomgång", weight="Bolder", size="Medium"),
        {
            "type": "Input.Text",
            "id": "period",
            "label": "Period",
            "value": period,
            "isRequired": True,
            "errorMessage": "Skriv perioden, t.ex. augusti 2027.",
        },
        {
            "type": "Input.Date",
            "id": "closes",
            "label": "Sista svarsdag",
            "value": closes.isoformat(),
            "isRequired": True,
            "errorMessage": "Välj sista svarsdag.",
        },
        {
            "type": "Input.ChoiceSet",
            "id": "questions",
            "label": "Frågor",
            "isMultiSelect": True,
            "style": "expanded",
            "isRequired": True,
            "errorMessage": "Välj minst en fråga.",
            "value": ",".join(q.key for q in questions),
            "choices": [{"title": q.text, "value": q.key} for q in questions],
        },
    ]
    actions = [cards.submit("Starta omgången", {"action": OPEN_ACTION})]
    content = cards.card(body, actions)
    return Reply(cards.card_fallback_text(content), card=content)


def read_open(
    value: dict[str, Any], questions: Sequence[SurveyQuestion], today: date
) -> OpenRequest | str:
    """The request, or a Swedish explanation of what to fill in instead."""
    period = str(value.get("period") or "").strip()
    if not period:
        return "Skriv perioden, t.ex. augusti 2027."
    try:
        closes = date.fromisoformat(str(value.get("closes") or ""))
    except ValueError:
        return "Välj sista svarsdag som ett datum (ÅÅÅÅ-MM-DD)."
    if closes <= today:
        return "Sista svarsdag måste vara efter i dag."
    known = [q.key for q in questions]
    chosen = tuple(k for k in str(value.get("questions") or "").split(",") if k in known)
    if not chosen:
        return "Välj minst en av enkätens frågor."
    return OpenRequest(period[:60], closes, chosen)
