"""Bot Framework activities between JSON and botbuilder's `Activity`, by its public API.

Incoming JSON becomes an `Activity` as the schema's own `deserialize` makes it; what the bot
sends is built as plain JSON by `dialogs.activities` and made an `Activity` the same way, so
botbuilder's turn pipeline can address it; the adapter writes it out as `serialize` would.
Both go through `schema_json`, msrest's rules without its per-call cost.
"""

from __future__ import annotations

from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity
from msrest.exceptions import DeserializationError

from bot.teams.schema_json import model_from_json, model_to_json

JSON = dict[str, Any]


class MalformedActivity(ValueError):
    """The body is JSON, but not an activity the schema can read."""


def read_activity(body: JSON) -> Activity:
    try:
        activity = model_from_json(Activity, body)
    except (DeserializationError, ValueError, TypeError, AttributeError) as err:
        raise MalformedActivity(type(err).__name__) from err
    if not isinstance(activity, Activity):
        raise MalformedActivity("not an activity")
    return activity


def outgoing(activity: JSON) -> Activity:
    """An activity the bot built as JSON (`dialogs.activities`), for `send_activity`."""
    return read_activity(activity)


def to_json(activity: Activity) -> JSON:
    return model_to_json(activity)


def reference_of(activity: Activity) -> JSON:
    """The conversation reference to keep for proactive posts, without the activity id
    (it changes every turn and is not needed to post)."""
    reference = model_to_json(TurnContext.get_conversation_reference(activity))
    reference.pop("activityId", None)
    return reference
