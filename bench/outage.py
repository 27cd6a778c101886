"""The outage run of `bench.robustness`: PostgreSQL unreachable in the middle of a notice run.

The bot runs in this process (its jobs on, as `serve` runs them) on a database reached
through a proxy that is cut right after Teams accepted the 100th of 300 notices, and
restored `seconds` later. Member questions asked during the outage are retried as Teams
does after a 503 (honouring Retry-After, giving up after a minute). Counted at the Bot
Connector stand-in: notices posted twice, notices never posted, questions never answered.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import replace
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp.test_utils import TestServer

from bot.app import RUNTIME, create_app
from bot.domain.clock import SystemClock
from bot.domain.loader import load_governance
from bot.domain.outbox import Post
from bot.settings import DEFAULT_DATA_DIR, Settings
from tests.support.channels import bind_channel
from tests.support.connector import ConnectorStub
from tests.support.proxy import CuttableProxy

NOTICES = 300
CHANNELS = [f"19:outage-{n}@thread.tacv2" for n in range(3)]
QUESTIONS = 40
CUT_AFTER = 100


def _question(service_url: str, n: int) -> bytes:
    body: dict[str, Any] = {
        "type": "message",
        "id": f"outage-q-{n}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": f"29:m{n}", "name": "Medlem", "aadObjectId": f"aad-m{n}"},
        "recipient": {"id": "28:bot", "name": "Samverkansboten"},
        "conversation": {"id": f"a:outage-{n}", "conversationType": "personal", "tenantId": "t"},
        "text": "Vem är ordförande i styrgruppen?",
    }
    return json.dumps(body).encode()


async def _ask_like_teams(http: aiohttp.ClientSession, url: str, data: bytes) -> bool:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            async with http.post(
                url, data=data, headers={"Content-Type": "application/json"}
            ) as response:
                await response.read()
                if response.status < 500:
                    return True
                wait = float(response.headers.get("Retry-After", "2"))
        except aiohttp.ClientError:
            wait = 2.0
        await asyncio.sleep(wait)
    return False


async def outage_run(database_url: str, seconds: float) -> str:
    logging.disable(logging.WARNING)  # the bot's own warnings about the outage are expected
    try:
        return await _run(database_url, seconds)
    finally:
        logging.disable(logging.NOTSET)


async def _run(database_url: str, seconds: float) -> str:
    port = urlsplit(database_url).port or 5432
    async with (
        CuttableProxy(port) as proxy,
        ConnectorStub(per_conversation_per_second=None) as stub,
    ):
        settings = replace(Settings(), database_url=proxy.route(database_url))
        clock = SystemClock()
        app = create_app(settings, load_governance(DEFAULT_DATA_DIR), clock)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        try:
            db = app[RUNTIME].db
            now = clock.now()
            for channel in CHANNELS:
                await bind_channel(db, channel, "styrgrupp", service_url=stub.url, now=now)
            texts = []
            for n in range(NOTICES):
                channel = CHANNELS[n % len(CHANNELS)]
                texts.append(f"Kallelse {n} till {channel}")
                await db.outbox.enqueue(
                    Post(
                        key=f"outage:{n}",
                        region="sodra-alvsborg",
                        group="styrgrupp",
                        conversation_id=channel,
                        due_at=now + timedelta(microseconds=n),
                        kind="notice",
                        activity={"type": "message", "text": texts[-1]},
                    )
                )
            cut = asyncio.Event()

            def cut_at(conversation: str, activity: dict[str, Any]) -> None:
                if not cut.is_set() and len(stub.sent()) >= CUT_AFTER:
                    proxy.cut()  # right after Teams accepted a post: its mark cannot be written
                    cut.set()

            stub.on_post = cut_at
            await asyncio.wait_for(cut.wait(), 120)
            url = str(server.make_url("/api/messages"))
            async with aiohttp.ClientSession() as http:
                asked = [
                    asyncio.create_task(_ask_like_teams(http, url, _question(stub.url, n)))
                    for n in range(QUESTIONS)
                ]
                await asyncio.sleep(seconds)
                await proxy.restore()
                answered_http = sum(await asyncio.gather(*asked))
            deadline = time.monotonic() + 180
            notices = set(texts)
            while time.monotonic() < deadline:
                posted = [a.get("text") for a in stub.sent() if a.get("text") in notices]
                if len(set(posted)) >= NOTICES:
                    break
                await asyncio.sleep(0.5)
            await asyncio.sleep(2)  # anything posted twice would show by now
            posted = [a.get("text") for a in stub.sent() if a.get("text") in notices]
            answers = [len(stub.sent(f"a:outage-{n}")) for n in range(QUESTIONS)]
        finally:
            await server.close()
    duplicates = len(posted) - len(set(posted))
    lost = NOTICES - len(set(posted))
    unanswered = sum(1 for n in answers if n == 0)
    twice = sum(n - 1 for n in answers if n > 1)
    return (
        f"outage: PostgreSQL unreachable {seconds:.0f} s after notice {CUT_AFTER} of {NOTICES}: "
        f"notices posted twice {duplicates} (aim 0), never posted {lost} (aim 0); "
        f"{QUESTIONS} questions asked meanwhile: unanswered {unanswered} (aim 0), "
        f"answered twice {twice}, accepted by HTTP {answered_http}"
    )
