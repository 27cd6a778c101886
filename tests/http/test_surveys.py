"""The survey in chat over the Bot Framework protocol: open, send, answer, remind, close,
results and export, and forged or replayed submits refused."""

from __future__ import annotations

import contextlib
import csv
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.survey_command import export_round
from tests.http.conftest import CHAIR_EMAIL, OFFICE_EMAIL, BotUnderTest, governance

OFFICE_CHAT = "a:office-personal"
ANNA_CHAT = "a:personal-anna"
CARD = "application/vnd.microsoft.card.adaptive"


def _card(activity: dict[str, Any]) -> dict[str, Any]:
    attachments = activity.get("attachments") or []
    assert attachments and attachments[0]["contentType"] == CARD, activity
    content: dict[str, Any] = attachments[0]["content"]
    return content


def _text(activity: dict[str, Any]) -> str:
    return (activity.get("text") or "") + str(activity.get("attachments") or "")


def _submit(bot: BotUnderTest, value: dict[str, Any], **who: Any) -> dict[str, Any]:
    """An Action.Submit as Teams sends it: no text, the card's data and inputs as value."""
    activity = bot.message("", **who)
    activity.pop("text")
    activity["value"] = value
    return activity


def _answers(card: dict[str, Any], choice: str, comment: str = "") -> dict[str, Any]:
    """What Teams sends for a filled-in card: the submit's data plus every input."""
    value: dict[str, Any] = dict(card["actions"][0]["data"])
    for element in card["body"]:
        if element["type"] == "Input.ChoiceSet":
            value[element["id"]] = choice
        elif element["type"] == "Input.Text":
            value[element["id"]] = comment
    return value


ANNA = {"conversation": ANNA_CHAT, "user": "29:anna", "aad": "aad-anna"}
OFFICE = {"conversation": OFFICE_CHAT, "user": "29:office", "aad": "aad-office"}
CECILIA_AAD = "aad-cecilia"


async def _meet(bot: BotUnderTest) -> None:
    """Anna and the office have written to the bot; Cecilia is known by AAD id only (no
    chat yet); Bertil has never been seen in Teams."""
    for who, email in ((ANNA, CHAIR_EMAIL), (OFFICE, OFFICE_EMAIL)):
        bot.stub.add_member(
            who["conversation"],
            {"id": who["user"], "name": "X", "aadObjectId": who["aad"], "email": email},
        )
        await bot.post(bot.message("hjälp", **who))
    cecilia = await bot.runtime.db.roster.person_by_email("cecilia.led@exempel.invalid")
    await bot.runtime.db.roster.link_aad(cecilia.id, CECILIA_AAD)


async def _wait_cards(bot: BotUnderTest) -> tuple[dict[str, Any], str]:
    await bot.post(bot.message("starta enkät", **OFFICE))
    opened = bot.stub.sent(OFFICE_CHAT)[-1]
    assert "Enkäten för" in _text(opened) and "4 personer" in _text(opened)
    await bot.runtime.bot.jobs.settle()
    anna_card = (await bot.stub.wait_for(2, timeout=15, conversation_id=ANNA_CHAT))[-1]
    created = bot.stub.requests_for("create_conversation")
    assert len(created) == 1
    assert created[0].body["members"] == [{"id": CECILIA_AAD}]
    assert created[0].body["isGroup"] is False
    cecilia_chat = await bot.runtime.db.conversations.personal_for(CECILIA_AAD)
    assert cecilia_chat is not None
    await bot.stub.wait_for(1, timeout=15, conversation_id=cecilia_chat.conversation_id)
    office = await bot.stub.wait_for(4, timeout=15, conversation_id=OFFICE_CHAT)
    assert "Bertil Vice" in "".join(_text(a) for a in office)  # unreachable, listed
    return _card(anna_card), cecilia_chat.conversation_id


@pytest.mark.jobs  # the cards go out through the outbox, as in serve
async def test_a_whole_round_in_chat(bot: BotUnderTest, tmp_path: Path) -> None:
    await _meet(bot)
    card, cecilia_chat = await _wait_cards(bot)
    assert card["version"] == "1.5"
    data = card["actions"][0]["data"]
    assert data == {"action": "survey_answer", "round": data["round"]}  # no person in it
    inputs = [e for e in card["body"] if e["type"] == "Input.ChoiceSet"]
    assert inputs and all(i["isRequired"] and i["style"] == "expanded" for i in inputs)
    assert [c["title"] for c in inputs[0]["choices"]] == ["Ja", "Delvis", "Nej", "Vet ej"]
    db = bot.runtime.db
    round_id = data["round"]

    # Answer once; a second submit (another activity) is not counted, and not thanked again;
    # the same activity delivered again gets no reply at all.
    await bot.post(_submit(bot, _answers(card, "ja", "Bra"), **ANNA))
    assert "Tack! Dina svar är sparade" in _text(bot.stub.sent(ANNA_CHAT)[-1])
    thanked = len(bot.stub.sent(ANNA_CHAT))
    changed = _submit(bot, _answers(card, "nej"), **ANNA)
    await bot.post(changed)
    assert "redan sparade" in _text(bot.stub.sent(ANNA_CHAT)[-1])
    await bot.post(changed)
    assert len(bot.stub.sent(ANNA_CHAT)) == thanked + 1
    assert sum("Tack!" in _text(a) for a in bot.stub.sent(ANNA_CHAT)) == 1
    tallies = await db.surveys.tallies(round_id)
    everyone = [t for t in tallies if t.group == ""]
    assert sum(t.count for t in everyone) == len(inputs)
    assert {t.choice.value for t in everyone} == {"ja"}

    # A survey card submitted in a channel stores nothing and echoes no answer there.
    channel = {"conversation": "19:chan@thread.tacv2", "user": "29:anna", "aad": "aad-anna"}
    in_channel = _submit(bot, _answers(card, "nej", "hemligt"), **channel)
    in_channel["conversation"]["conversationType"] = "channel"
    await bot.post(in_channel)
    (said,) = bot.stub.sent("19:chan@thread.tacv2")
    assert "personliga chatten" in _text(said) and "hemligt" not in _text(said)
    assert await db.surveys.tallies(round_id) == tallies

    # Reminders go only to those who have not answered (the office; Bertil cannot be reached).
    before = len(bot.stub.sent(ANNA_CHAT))
    await bot.post(bot.message("påminn enkät", **OFFICE))
    assert "Påminnelse skickad till 2" in _text(bot.stub.sent(OFFICE_CHAT)[-1])
    await _wait_for_text(bot, cecilia_chat, "Påminnelse: enkäten stänger")
    await _wait_for_text(bot, OFFICE_CHAT, "Påminnelse: enkäten stänger")
    assert len(bot.stub.sent(ANNA_CHAT)) == before

    # Close; an answer after closing is refused; the results hide fewer than 5 answers.
    await bot.post(bot.message("stäng enkät", **OFFICE))
    assert "är stängd" in _text(bot.stub.sent(OFFICE_CHAT)[-1])
    await bot.post(_submit(bot, _answers(card, "ja"), **ANNA))
    assert "Enkäten är stängd" in _text(bot.stub.sent(ANNA_CHAT)[-1])
    await bot.post(bot.message("enkätresultat", **OFFICE))
    results = bot.stub.sent(OFFICE_CHAT)[-1]
    shown = _card(results)
    assert "Resultat" in _text(results) and "Färre än 5 svar" in _text(results)
    assert "1 av 4" in _text(results)
    assert not any(e["type"] == "Chart.VerticalBar" for e in shown["body"])  # nothing to show

    # Export: distributions and rates, no people.
    for name in ("r.csv", "r.xlsx"):
        out = tmp_path / name
        assert await export_round(db, governance(), round_id, out)
        if name.endswith(".csv"):
            text = out.read_text(encoding="utf-8-sig")
            assert list(csv.reader(text.splitlines(), delimiter=";"))[1][:3] == [
                "svarsfrekvens",
                "1",
                "4",
            ]
        else:
            sheet = load_workbook(out).active
            text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
        assert "färre än 5" in text
        for secret in ("Anna", "anna.ordf", "aad-anna", "Bra"):
            assert secret not in text


async def _wait_for_text(bot: BotUnderTest, conversation: str, text: str) -> None:
    for _ in range(100):
        if any(text in _text(a) for a in bot.stub.sent(conversation)):
            return
        with contextlib.suppress(TimeoutError):
            await bot.stub.wait_for(len(bot.stub.sent(conversation)) + 1, 0.2, conversation)
    raise AssertionError(f"{text!r} never reached {conversation}")


@pytest.mark.jobs
async def test_forged_and_invalid_submits_are_refused(bot: BotUnderTest) -> None:
    await _meet(bot)
    card, cecilia_chat = await _wait_cards(bot)
    db = bot.runtime.db
    round_id = card["actions"][0]["data"]["round"]
    anna = await db.roster.person_by_email(CHAIR_EMAIL)

    stranger = {"conversation": "a:stranger", "user": "29:x", "aad": "aad-stranger"}
    await bot.post(_submit(bot, _answers(card, "ja"), **stranger))
    assert "inte skickad till dig" in _text(bot.stub.sent("a:stranger")[-1])

    await bot.post(_submit(bot, _answers(card, "kanske"), **ANNA))
    assert "kunde inte läsas" in _text(bot.stub.sent(ANNA_CHAT)[-1])
    await bot.post(_submit(bot, _answers(card, "ja", "x" * 501), **ANNA))
    assert "högst 500 tecken" in _text(bot.stub.sent(ANNA_CHAT)[-1])
    assert await db.surveys.tallies(round_id) == []

    # Cecilia sends Anna's id along: the sender counts, Anna stays unanswered.
    cecilia = {"conversation": cecilia_chat, "user": "29:cecilia", "aad": CECILIA_AAD}
    (cecilia_card,) = [a for a in bot.stub.sent(cecilia_chat) if a.get("attachments")][:1]
    forged = _answers(_card(cecilia_card), "delvis")
    forged.update(person_id=anna.id, person=anna.id, aadObjectId="aad-anna")
    activity = _submit(bot, forged, **cecilia)
    await bot.post(activity)
    await bot.post(activity)  # replayed: counts once
    again = _submit(bot, forged, **cecilia)
    await bot.post(again)  # the same answers in a new activity: still one respondent
    invitations = {i.person_id: i for i in await db.surveys.invitations(round_id)}
    assert not invitations[anna.id].answered
    answered = [i for i in invitations.values() if i.answered]
    assert len(answered) == 1
    tallies = await db.surveys.tallies(round_id)
    assert sum(t.count for t in tallies if t.group == "") == len(answered[0].question_keys)

    # A member who is not the office cannot open rounds or read results.
    await bot.post(bot.message("enkätresultat", **ANNA))
    assert "bara för kansliet" in _text(bot.stub.sent(ANNA_CHAT)[-1])


async def test_results_of_a_real_round_render_a_teams_chart_with_the_change(
    bot: BotUnderTest,
) -> None:
    """Six answered in each of two rounds: the results card carries a Chart.VerticalBar
    valid against Teams' chart schema, a text fallback with the same numbers, and the change
    since the previous round."""
    import jsonschema

    from bot.domain.survey_rounds import Answer, Choice, Invitation, SurveyRound
    from tests.support.chart_schema import VERTICAL_BAR

    await _meet(bot)
    db = bot.runtime.db
    now = bot.clock.now()
    keys = ("kallelse-i-tid", "personal-tillganglig")
    people = []
    for n in range(6):
        person = await db.roster.add_person(f"Svarande {n}", f"svar{n}@exempel.invalid")
        assert person.id is not None
        people.append(person.id)
    rounds = []
    for weeks_ago, yes in ((30, 3), (4, 5)):  # earlier round 3 of 6 "ja", this round 5 of 6
        opens = now - timedelta(weeks=weeks_ago)
        survey = await db.surveys.create_round(
            SurveyRound(None, "sodra-alvsborg", "Enkät", f"v{weeks_ago}", opens,
                        opens + timedelta(days=21), keys)
        )  # fmt: skip
        assert survey.id is not None
        await db.surveys.invite([Invitation(survey.id, p, keys, ("dps",)) for p in people])
        for n, person in enumerate(people):
            choice = Choice.YES if n < yes else Choice.NO
            answers = [Answer(k, choice, f"kommentar {n}" if n == 0 else "") for k in keys]
            assert await db.surveys.record_answers(survey.id, person, answers, opens) is True
        rounds.append(survey)
    await bot.post(bot.message("enkätresultat", **OFFICE))
    reply = bot.stub.sent(OFFICE_CHAT)[-1]
    card = _card(reply)
    (chart,) = [e for e in card["body"] if e["type"] == "Chart.VerticalBar"]
    jsonschema.validate(chart, VERTICAL_BAR)
    assert [point["y"] for point in chart["data"]] == [83, 83]  # 5 of 6 said "ja"
    assert "83 %" in str(chart["fallback"]["text"])
    text = _text(reply)
    assert "+33 procentenheter Ja sedan förra omgången" in text
    assert "6 av 6" in text and "kommentar 0" in text
    assert card["fallbackText"] and "83" in card["fallbackText"]
