"""Adaptive Cards (schema 1.5) built as data.

Small typed builders return plain dicts; user text goes into fields, never into JSON
source, so a name with quotes or braces cannot break a card.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Card = dict[str, Any]
Element = dict[str, Any]

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"


def text_block(
    text: str, *, weight: str | None = None, size: str | None = None, subtle: bool = False
) -> Element:
    block: Element = {"type": "TextBlock", "text": text, "wrap": True}
    if weight:
        block["weight"] = weight
    if size:
        block["size"] = size
    if subtle:
        block["isSubtle"] = True
    return block


def fact_set(facts: Iterable[tuple[str, str]]) -> Element:
    return {"type": "FactSet", "facts": [{"title": t, "value": v} for t, v in facts]}


def message_back(title: str, text: str) -> dict[str, Any]:
    """A button that sends `text` as if the member had typed it (Teams messageBack)."""
    return {
        "type": "Action.Submit",
        "title": title,
        "data": {"msteams": {"type": "messageBack", "text": text, "displayText": text}},
    }


def card(body: Sequence[Element], actions: Sequence[dict[str, Any]] = ()) -> Card:
    result: Card = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": list(body),
    }
    if actions:
        result["actions"] = list(actions)
    # Shown by clients that cannot render the card; the same text the terminal chat prints.
    result["fallbackText"] = card_fallback_text(result)
    return result


@dataclass(frozen=True, slots=True)
class ListSection:
    heading: str
    rows: tuple[tuple[str, str], ...]  # (label, value)


def list_card(title: str, sections: Sequence[ListSection], footer: str = "") -> Card:
    body: list[Element] = [text_block(title, weight="Bolder", size="Medium")]
    for section in sections:
        body.append(text_block(section.heading, weight="Bolder"))
        body.append(fact_set(section.rows))
    if footer:
        body.append(text_block(footer, subtle=True, size="Small"))
    return card(body)


def help_card(
    title: str,
    intro: str,
    items: Sequence[tuple[str, str]],
    office_items: Sequence[tuple[str, str]] = (),
    office_heading: str = "",
) -> Card:
    body: list[Element] = [
        text_block(title, weight="Bolder", size="Medium"),
        text_block(intro),
        fact_set((label, f"”{example}”") for label, example in items),
    ]
    if office_items:
        if office_heading:
            body.append(text_block(office_heading, weight="Bolder"))
        body.append(fact_set((label, f"”{example}”") for label, example in office_items))
    actions = [message_back(example, example) for _, example in items[:3]]
    return card(body, actions)


def submit(title: str, data: dict[str, Any]) -> dict[str, Any]:
    """A button whose `data` comes back as the activity's value; `data["action"]` routes it."""
    return {"type": "Action.Submit", "title": title, "data": data}


def suggestions_card(
    intro: str, questions: Sequence[str], extra: Sequence[dict[str, Any]] = ()
) -> Card:
    return card([text_block(intro)], [*(message_back(q, q) for q in questions), *extra])


def card_fallback_text(content: Card) -> str:
    """Plain text for clients that cannot show the card (and for the terminal chat)."""
    lines: list[str] = []
    for element in content.get("body", []):
        if element.get("type") == "TextBlock":
            lines.append(str(element["text"]))
        elif element.get("type") == "FactSet":
            lines.extend(f"  {f['title']}: {f['value']}" for f in element["facts"])
        elif isinstance(element.get("fallback"), dict) and "text" in element["fallback"]:
            lines.append(str(element["fallback"]["text"]))  # a chart: its numbers as text
    return "\n".join(lines)
