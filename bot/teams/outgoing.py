"""Turning a neutral `Reply` into a Bot Framework message activity."""

from __future__ import annotations

from botbuilder.core import CardFactory, MessageFactory
from botbuilder.schema import Activity, CardAction, SuggestedActions, TextFormatTypes

from dialogs.reply import Reply


def to_activity(reply: Reply) -> Activity:
    if reply.card is not None:
        # The text doubles as the notification preview and the fallback for old clients.
        activity = MessageFactory.attachment(CardFactory.adaptive_card(reply.card))
        activity.summary = reply.text.split("\n", 1)[0][:120]
    else:
        activity = MessageFactory.text(reply.text)
        activity.text_format = TextFormatTypes.markdown
    if reply.suggestions and reply.card is None:
        activity.suggested_actions = SuggestedActions(
            actions=[CardAction(type="imBack", title=q, value=q) for q in reply.suggestions]
        )
    return activity
