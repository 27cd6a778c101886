"""A governing document sent to the bot in Teams, over the Bot Framework protocol: the
office sends the file in a personal chat, sees what was found on a card, confirms, and the
next question is answered from it without a restart. Members may not import."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from tests.http.conftest import OFFICE_EMAIL, BotUnderTest

DOCS = Path(__file__).resolve().parents[2] / "bench" / "documents" / "vanerkusten"
OFFICE_CHAT = "a:office-personal"
OFFICE = {"conversation": OFFICE_CHAT, "user": "29:office", "aad": "aad-office"}
CARD = "application/vnd.microsoft.card.adaptive"
QUESTION = "Hur många årsarbetare finns det på kansliet i Fyrbodal?"
FILE_INFO = "application/vnd.microsoft.teams.file.download.info"


@pytest.fixture
async def files() -> AsyncIterator[str]:
    """Where Teams would keep the sent file: a download link on this machine."""
    app = web.Application()

    async def serve(request: web.Request) -> web.StreamResponse:
        path = DOCS / request.match_info["name"]
        if not path.is_file():
            return web.Response(status=404)
        return web.Response(body=path.read_bytes())

    app.router.add_get("/files/{name}", serve)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url("/files/"))
    finally:
        await server.close()


def _office(bot: BotUnderTest) -> None:
    bot.stub.add_member(
        OFFICE_CHAT,
        {"id": "29:office", "name": "Kim", "aadObjectId": "aad-office", "email": OFFICE_EMAIL,
         "userPrincipalName": OFFICE_EMAIL},
    )  # fmt: skip


def _with_file(bot: BotUnderTest, url: str, name: str, **who: Any) -> dict[str, Any]:
    activity = bot.message("", **who)
    activity["attachments"] = [
        {
            "contentType": FILE_INFO,
            "name": name,
            "contentUrl": url,
            "content": {"downloadUrl": url, "uniqueId": "abc", "fileType": name.split(".")[-1]},
        }
    ]
    return activity


def _submit(bot: BotUnderTest, value: dict[str, Any], **who: Any) -> dict[str, Any]:
    activity = bot.message("", **who)
    activity.pop("text")
    activity["value"] = value
    return activity


def _card(activity: dict[str, Any]) -> dict[str, Any]:
    (attachment,) = activity["attachments"]
    assert attachment["contentType"] == CARD
    return dict(attachment["content"])


def _said(activity: dict[str, Any]) -> str:
    """What the member reads: the text, or a card's fallback text."""
    if activity.get("text"):
        return str(activity["text"])
    return str(_card(activity)["fallbackText"])


def _inputs(card: dict[str, Any]) -> dict[str, Any]:
    return {e["id"]: e for e in card["body"] if e["type"].startswith("Input.")}


async def test_office_imports_a_sent_word_file_and_it_answers_at_once(
    bot: BotUnderTest, files: str
) -> None:
    _office(bot)
    # Fyrbodal's documents do not know Vänerkusten's kansli.
    await bot.post(bot.message(QUESTION, **OFFICE))
    assert "3,5" not in _said(bot.stub.sent(OFFICE_CHAT)[-1])

    response = await bot.post(
        _with_file(bot, files + "vanerkusten.docx", "vanerkusten.docx", **OFFICE)
    )
    assert response.status in (200, 201)
    card = _card(bot.stub.sent(OFFICE_CHAT)[-1])
    inputs = _inputs(card)
    assert inputs["title"]["value"] == "Inriktningsdokument för Vårdsamverkan Vänerkusten 2026–2029"
    assert inputs["period"]["value"] == "2026–2029"
    assert {c["value"] for c in inputs["region"]["choices"]} >= {"fyrbodal", "sodra-alvsborg"}
    facts = {
        f["title"]: f["value"] for e in card["body"] if e["type"] == "FactSet" for f in e["facts"]
    }
    assert facts["Fastställt"] == "2025-10-09"
    assert facts["Avsnitt"].startswith("16: 1 Inledning")
    submit = card["actions"][0]["data"]
    assert await bot.runtime.db.library.generation() == 0  # nothing stored before confirming

    # The office files it under Fyrbodal (the card's region field) and confirms.
    value = {
        **submit,
        "region": "fyrbodal",
        "title": inputs["title"]["value"],
        "period": "2026-2029",
        "replaces": "",
    }
    await bot.post(_submit(bot, value, **OFFICE))
    receipt = bot.stub.sent(OFFICE_CHAT)[-1]["text"]
    assert "är inläst för Fyrbodal" in receipt and "16 avsnitt" in receipt
    await bot.runtime.library.settle()
    assert bot.runtime.library.reloads == 1

    await bot.post(bot.message(QUESTION, **OFFICE))
    answer = bot.stub.sent(OFFICE_CHAT)[-1]["text"]
    assert "3,5 årsarbetare" in answer
    assert "Inriktningsdokument för Vårdsamverkan Vänerkusten 2026–2029" in answer  # cited

    # The same card pressed again: already imported.
    await bot.post(_submit(bot, value, **OFFICE))
    assert "finns inte längre" in bot.stub.sent(OFFICE_CHAT)[-1]["text"]

    await bot.post(bot.message("visa dokument fyrbodal", **OFFICE))
    listing = _said(bot.stub.sent(OFFICE_CHAT)[-1])
    assert "Vänerkusten 2026–2029 (gäller 2026–2029)" in listing
    assert "Inriktningsdokument Vårdsamverkan Fyrbodal 2023–2026" in listing


async def test_cancel_and_unreadable_files(bot: BotUnderTest, files: str) -> None:
    _office(bot)
    await bot.post(_with_file(bot, files + "vanerkusten.pdf", "vanerkusten.pdf", **OFFICE))
    submit = _card(bot.stub.sent(OFFICE_CHAT)[-1])["actions"][1]["data"]
    await bot.post(_submit(bot, submit, **OFFICE))
    assert "Avbrutet" in bot.stub.sent(OFFICE_CHAT)[-1]["text"]
    assert await bot.runtime.db.library.generation() == 0

    await bot.post(_with_file(bot, files + "questions.yaml", "questions.yaml", **OFFICE))
    assert "Filtypen .yaml" in bot.stub.sent(OFFICE_CHAT)[-1]["text"]
    await bot.post(_with_file(bot, files + "missing.pdf", "missing.pdf", **OFFICE))
    assert "kunde inte hämta filen" in bot.stub.sent(OFFICE_CHAT)[-1]["text"]
    assert await bot.runtime.db.library.generation() == 0


async def test_a_member_cannot_import(bot: BotUnderTest, files: str) -> None:
    response = await bot.post(_with_file(bot, files + "vanerkusten.txt", "vanerkusten.txt"))
    assert response.status in (200, 201)
    assert "kansliet som läser in" in bot.stub.sent("a:personal-1")[-1]["text"]
    await bot.post(_submit(bot, {"action": "library_import", "pending": 1}))
    assert "kansliet som läser in" in bot.stub.sent("a:personal-1")[-1]["text"]
    await bot.post(bot.message("visa dokument"))  # listing is for everyone
    assert "Styrdokument i Skaraborg" in _said(bot.stub.sent("a:personal-1")[-1])
