"""A `Reply` as the Bot Framework activity JSON that Teams shows: text, card, suggestions.

Built as plain data here, once, for every way a reply leaves the bot: the answer to a turn,
an outbox post, a card updated in place. The activity schema is the Bot Framework's
protocol, not a library's: the Microsoft 365 Agents SDK speaks the same.
"""

from __future__ import annotations

from typing import Any

from dialogs.cards import CARD_CONTENT_TYPE, Card, card_fallback_text
from dialogs.reply import Reply

Activity = dict[str, Any]

SUMMARY_LENGTH = 120  # Teams' notification preview


def message(reply: Reply) -> Activity:
    """The message activity for a reply; a card's text is its notification preview."""
    if reply.card is not None:
        activity: Activity = {
            "type": "message",
            "summary": reply.text.split("\n", 1)[0][:SUMMARY_LENGTH],
            "attachments": [{"contentType": CARD_CONTENT_TYPE, "content": reply.card}],
        }
    else:
        activity = {
            "type": "message",
            "text": reply.text,
            "textFormat": "markdown",
            "inputHint": "acceptingInput",
        }
        if reply.suggestions:
            activity["suggestedActions"] = {
                "actions": [{"type": "imBack", "title": q, "value": q} for q in reply.suggestions]
            }
    return activity


def card_message(card: Card) -> Activity:
    """A card on its own, its fallback text as the preview."""
    return message(Reply(card_fallback_text(card), card=card))


def text_message(text: str) -> Activity:
    return message(Reply(text))
