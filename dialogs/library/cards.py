"""The preview card: what was found in a sent file, with the fields the office may correct
before pressing *Läs in* (title, period, region, which document it replaces)."""

from __future__ import annotations

from collections.abc import Sequence

from dialogs import cards
from dialogs.actions import ActionName
from dialogs.cards import Card, Element
from dialogs.library.desk import Prepared
from dialogs.library.texts import TEXTS

MAX_LISTED_SECTIONS = 12


def preview_card(
    prepared: Prepared,
    pending_id: int,
    file_name: str,
    regions: Sequence[tuple[str, str]],  # (key, name)
    replaceable: Sequence[tuple[str, str]],  # (key, title) in the document's region
) -> Card:
    doc = prepared.document
    titles = [f"{s.number} {s.title}".strip() for s in doc.sections if s.title]
    listed = ", ".join(titles[:MAX_LISTED_SECTIONS])
    if len(titles) > MAX_LISTED_SECTIONS:
        listed += f" … (+{len(titles) - MAX_LISTED_SECTIONS})"
    facts = [(TEXTS.fact_sections, f"{len(doc.sections)}: {listed}")]
    if doc.dated:
        facts.insert(0, (TEXTS.fact_dated, doc.dated))
    if prepared.groups:
        facts.append((TEXTS.fact_groups, ", ".join(g.label for g in prepared.groups)))
    body: list[Element] = [
        cards.text_block(
            TEXTS.preview_title.format(file=file_name), weight="Bolder", size="Medium"
        ),
        cards.text_block(TEXTS.preview_intro, subtle=True),
        _text_input("title", TEXTS.field_title, doc.title),
        _text_input("period", TEXTS.field_period, doc.period),
        _choices("region", TEXTS.field_region, regions, doc.region),
        _choices(
            "replaces",
            TEXTS.field_replaces,
            [("", TEXTS.replaces_nothing), *replaceable],
            doc.replaces,
        ),
        cards.fact_set(facts),
    ]
    data = {"pending": pending_id}
    return cards.card(
        body,
        [
            cards.submit(TEXTS.confirm, {"action": ActionName.LIBRARY_IMPORT.value, **data}),
            cards.submit(TEXTS.cancel, {"action": ActionName.LIBRARY_CANCEL.value, **data}),
        ],
    )


def _text_input(key: str, label: str, value: str) -> Element:
    return {
        "type": "Input.Text",
        "id": key,
        "label": label,
        "value": value,
        "maxLength": 300,
    }


def _choices(key: str, label: str, options: Sequence[tuple[str, str]], value: str) -> Element:
    return {
        "type": "Input.ChoiceSet",
        "id": key,
        "label": label,
        "style": "compact",
        "value": value,
        "choices": [{"title": title, "value": option} for option, title in options],
    }
