"""`schema_json` gives what msrest gives, on the activities Teams sends and the bot sends,
on odd ones, and on ones msrest refuses."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest
from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ActivityTypes, Attachment, ChannelAccount
from msrest.serialization import Model

from bot.teams.schema_json import model_from_json, model_to_json
from dialogs import activities
from dialogs.reply import Reply

PERSONAL: dict[str, Any] = {
    "type": "message",
    "id": "1700000000000",
    "timestamp": "2026-12-01T10:00:00.1234567Z",
    "localTimestamp": "2026-12-01T11:00:00.123+01:00",
    "channelId": "msteams",
    "serviceUrl": "https://smba.trafficmanager.net/emea/",
    "from": {"id": "29:abc", "name": "Anna Ordförande", "aadObjectId": "aad-1"},
    "conversation": {"id": "a:xyz", "conversationType": "personal", "tenantId": "t1"},
    "recipient": {"id": "28:bot", "name": "Samverkansboten"},
    "textFormat": "plain",
    "locale": "sv-SE",
    "text": "Vem är ordförande i styrgruppen?",
    "entities": [{"type": "clientInfo", "locale": "sv-SE", "country": "SE", "platform": "Web"}],
    "channelData": {"tenant": {"id": "t1"}},
}

CHANNEL = {
    **PERSONAL,
    "text": "<at>Samverkansboten</at> nästa möte",
    "conversation": {
        "id": "19:chan@thread.tacv2;messageid=1",
        "conversationType": "channel",
        "isGroup": True,
        "tenantId": "t1",
    },
    "entities": [
        {
            "type": "mention",
            "mentioned": {"id": "28:bot", "name": "Samverkansboten"},
            "text": "<at>Samverkansboten</at>",
        }
    ],
    "channelData": {
        "team": {"id": "19:team@thread.tacv2", "name": "DPS"},
        "channel": {"id": "19:chan@thread.tacv2", "name": "Allmänt"},
        "tenant": {"id": "t1"},
        "eventType": None,
    },
}

SUBMIT = {
    **PERSONAL,
    "text": None,
    "replyToId": "1699999999999",
    "value": {"action": "survey.answer", "answers": {"q1": "4", "q2": ["a", "b"]}, "n": 3.5},
}

MEMBERS_ADDED = {
    **PERSONAL,
    "type": "conversationUpdate",
    "text": None,
    "membersAdded": [{"id": "28:bot"}, {"id": "29:abc", "name": "Anna"}],
    "membersRemoved": [],
}

INVOKE = {**PERSONAL, "type": "invoke", "name": "adaptiveCard/action", "value": {"x": [1, None]}}

FILE = {
    **PERSONAL,
    "attachments": [
        {
            "contentType": "application/vnd.microsoft.teams.file.download.info",
            "name": "Styrdokument.pdf",
            "content": {"downloadUrl": "https://x/y", "uniqueId": "u", "fileType": "pdf"},
        },
        None,
    ],
    "suggestedActions": {"to": ["29:abc"], "actions": [{"type": "imBack", "title": "Ja"}]},
}

ODD = [
    {**PERSONAL, "text": 5},  # a number where a text belongs
    {**PERSONAL, "membersAdded": [None, {"id": "x"}]},
    {**PERSONAL, "value": ["a", {"b": None}]},
    {**PERSONAL, "unknownField": {"kept": True}, "another": 1},
    {**PERSONAL, "timestamp": None, "localTimestamp": None},
    {**PERSONAL, "from": {"id": "29:abc", "role": "user", "extra": [1, 2]}},
    {**PERSONAL, "conversation": {"id": "a:1", "isGroup": "true"}},  # a string for a bool
    {**PERSONAL, "expiration": "2026-12-01T10:00:00Z", "importance": "high"},
]

REFUSED = [
    {**PERSONAL, "timestamp": "not a date"},
    {**PERSONAL, "from": "29:abc"},
    {**PERSONAL, "attachments": {"not": "a list"}},
]


def state(value: Any) -> Any:
    """A model as plain data, every attribute and additional property included."""
    if isinstance(value, Model):
        fields = {k: state(v) for k, v in vars(value).items()}
        return (type(value).__name__, fields)
    if isinstance(value, list):
        return [state(v) for v in value]
    if isinstance(value, dict):
        return {k: state(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize(
    "body", [PERSONAL, CHANNEL, SUBMIT, MEMBERS_ADDED, INVOKE, FILE, *ODD], ids=repr
)
def test_an_activity_reads_and_writes_as_msrest_does(body: dict[str, Any]) -> None:
    original = copy.deepcopy(body)
    ours = model_from_json(Activity, body)
    theirs = Activity.deserialize(copy.deepcopy(body))
    assert state(ours) == state(theirs)
    assert model_to_json(ours) == theirs.serialize()
    assert body == original  # nothing read is changed or shared
    if isinstance(body.get("value"), dict):
        assert ours.value is not body["value"]


@pytest.mark.parametrize("body", REFUSED, ids=repr)
def test_what_msrest_refuses_is_refused(body: dict[str, Any]) -> None:
    with pytest.raises(Exception) as theirs:
        Activity.deserialize(copy.deepcopy(body))
    with pytest.raises(type(theirs.value)):
        model_from_json(Activity, body)


def test_a_reply_is_written_as_msrest_writes_it() -> None:
    incoming = model_from_json(Activity, CHANNEL)
    reference = TurnContext.get_conversation_reference(incoming)
    assert model_to_json(reference) == reference.serialize()
    text = {"type": "TextBlock", "text": "Hej"}
    card = {"type": "AdaptiveCard", "version": "1.5", "body": [text]}
    for built in (
        activities.message(Reply("Ordförande är Anna.", card=card)),
        activities.text_message("Välkommen!"),
    ):
        reply = model_from_json(Activity, built)
        TurnContext.apply_conversation_reference(reply, reference)
        assert reply.type is not None
        assert model_to_json(reply) == reply.serialize()


def test_models_and_enums_inside_are_written_as_msrest_writes_them() -> None:
    activity = Activity(
        type=ActivityTypes.message,
        from_property=ChannelAccount(id="28:bot"),
        attachments=[Attachment(content_type="x", content={"inner": ChannelAccount(id="1")})],
        value=[1, "a", None, {"k": [True]}],
    )
    assert model_to_json(activity) == activity.serialize()
    assert model_to_json(activity)["type"] == "message"


def test_times_are_written_as_msrest_writes_them() -> None:
    for moment in (
        datetime(2026, 12, 1, 10, tzinfo=UTC),
        datetime(2026, 12, 1, 10, 0, 0, 123400, tzinfo=UTC),
        datetime(2026, 12, 1, 10),  # no zone: msrest's warning and its reading
    ):
        activity = Activity(type="message", timestamp=moment)
        assert model_to_json(activity) == activity.serialize()


@pytest.mark.parametrize(
    "body", [PERSONAL, CHANNEL, SUBMIT, MEMBERS_ADDED, INVOKE, FILE], ids=lambda b: b["type"]
)
def test_what_teams_sends_needs_no_msrest(
    body: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The speed is the point: Teams' own activities never fall back."""

    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("fell back to msrest")

    monkeypatch.setattr(Model, "deserialize", classmethod(refuse))
    monkeypatch.setattr(Model, "serialize", refuse)
    activity = model_from_json(Activity, body)
    model_to_json(activity)
    model_to_json(TurnContext.get_conversation_reference(activity))
