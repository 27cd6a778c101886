"""Survey benchmark: 2,000 invited people submit their answer cards at the same moment.

    python -m bench.surveys

The real app over HTTP (on SQLite, then on a fresh PostgreSQL database when the server on
127.0.0.1:5432 answers), a Bot Connector stand-in for its replies, 2,000 roster people with
a linked AAD id and an invitation to one open round. Every submit is posted at once; then
the database is counted: lost = invited people whose answers are not stored, duplicates =
stored rows beyond one per person and question. Latency is per HTTP submit.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import replace
from datetime import timedelta
from typing import Any

import aiohttp
from aiohttp.test_utils import TestServer

from bench.databases import on_both_databases
from bot.app import RUNTIME, create_app
from bot.domain.clock import SystemClock
from bot.domain.loader import load_governance
from bot.domain.survey_rounds import CHOICE_PREFIX, Invitation, SurveyRound
from bot.settings import DEFAULT_DATA_DIR, Settings
from bot.store.database import Database
from bot.store.tables import MembershipRow, PersonRow
from dialogs.actions import ActionName
from tests.support.connector import ConnectorStub

PEOPLE = 2000
KEYS = ("kallelse-i-tid", "personal-professionell", "personal-tillganglig")


async def _fill(db: Database) -> int:
    """People in DPS with AAD ids, and one open round inviting them all."""
    async with db.sessions.write() as session:
        for n in range(PEOPLE):
            session.add(
                PersonRow(
                    id=10_000 + n,
                    name=f"Person {n}",
                    email=f"p{n}@bench.invalid",
                    aad_object_id=f"aad-{n}",
                )
            )
        await session.flush()
        for n in range(PEOPLE):
            session.add(
                MembershipRow(
                    person_id=10_000 + n, region="sodra-alvsborg", group_key="dps", role="ledamot"
                )
            )
    now = SystemClock().now()
    survey = await db.surveys.create_round(
        SurveyRound(None, "sodra-alvsborg", "Bench", "bench", now, now + timedelta(days=1), KEYS)
    )
    assert survey.id is not None
    await db.surveys.invite(
        [Invitation(survey.id, 10_000 + n, KEYS, ("dps",)) for n in range(PEOPLE)]
    )
    return survey.id


def _submit(service_url: str, n: int, round_id: int) -> dict[str, Any]:
    value: dict[str, Any] = {"action": ActionName.SURVEY_ANSWER.value, "round": round_id}
    value.update({CHOICE_PREFIX + k: "ja" for k in KEYS})
    return {
        "type": "message",
        "id": secrets.token_hex(8),
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": f"29:{n}", "name": "P", "aadObjectId": f"aad-{n}"},
        "recipient": {"id": "28:bot-id", "name": "Samverkansboten"},
        "conversation": {"id": f"a:p{n}", "conversationType": "personal", "tenantId": "t"},
        "value": value,
        "channelData": {"tenant": {"id": "t"}},
    }


async def _run(database_url: str, label: str) -> str:
    stub = ConnectorStub(per_conversation_per_second=None)
    service_url = await stub.start()
    settings = replace(Settings(), database_url=database_url)
    app = create_app(settings, load_governance(DEFAULT_DATA_DIR))
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    db: Database = app[RUNTIME].db
    round_id = await _fill(db)
    url = str(server.make_url("/api/messages"))
    latencies: list[float] = []
    failed = 0
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:

        async def one(n: int) -> None:
            nonlocal failed
            start = time.perf_counter()
            try:
                async with http.post(url, json=_submit(service_url, n, round_id)) as response:
                    await response.read()
                    failed += response.status >= 300
            except aiohttp.ClientError:
                failed += 1
            latencies.append(time.perf_counter() - start)

        began = time.perf_counter()
        await asyncio.gather(*(one(n) for n in range(PEOPLE)))
        elapsed = time.perf_counter() - began
    counted = sum(t.count for t in await db.surveys.tallies(round_id) if t.group == "")
    answered = sum(1 for i in await db.surveys.invitations(round_id) if i.answered)
    await server.close()
    await stub.stop()
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    lost = PEOPLE - answered
    duplicates = counted - answered * len(KEYS)
    return (
        f"surveys {label}: {PEOPLE} submits in {elapsed:.1f} s, HTTP errors {failed}, "
        f"answers lost {lost}, duplicates {duplicates}, "
        f"submit latency p50 {p50:.0f} ms p99 {p99:.0f} ms"
    )


async def run_surveys() -> list[str]:
    return await on_both_databases(_run, "surveys")


if __name__ == "__main__":
    for line in asyncio.run(run_surveys()):
        print(line)
