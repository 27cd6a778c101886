"""Robustness of the running bot: hostile input, crashes and a database outage.

    python -m bench.robustness [--quick]

- fuzz: 10,000 activities mutated from valid ones (wrong types, deleted fields, huge and
  nested values, NUL bytes, lone surrogates, odd invokes, repeated ids) into a real
  `python -m bot serve` on SQLite. Aim: 0 answers of 5xx, 0 crashed turns (the apology).
  Then the tables' sizes and the server's memory, and the tables after housekeeping.
- long words: a 10,000-character word and a message of 25 nearly-words of 39 letters,
  against a short question in the same run (aim: under 100 ms each).
- kill mid-turn: 20 questions in flight when the server is SIGKILLed, on SQLite and
  PostgreSQL; the restarted server gets Teams' redeliveries. Aim: 0 lost. Then killed again
  after everything was answered: redeliveries must not be answered twice.
- outage: PostgreSQL unreachable for 15 s in the middle of 300 notices, with member
  questions asked meanwhile (Teams retries after 503). Aim: 0 duplicates, 0 lost.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import aiohttp

from bench.databases import on_both_databases, postgres_database
from bench.turns import free_port, server
from bot.domain.questions import Language
from dialogs.texts import texts_for
from tests.support.connector import ConnectorStub

ROOT = Path(__file__).resolve().parent.parent
APOLOGY = texts_for(Language.SV).apology
QUESTION = "Vem är ordförande i styrgruppen?"
FUZZED = 10_000


# -- a server of our own -------------------------------------------------------------------


def _env(database_url: str, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "BOT_INSTANCE": f"bench-robustness:{port}",
        "LOG_LEVEL": "ERROR",
        "MicrosoftAppId": "",
        "BOT_ALLOWED_TENANTS": "",
        "BOT_OFFICE_USERS": "",
    }


def _seed(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "bot", "seed", "--example"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _served(env: dict[str, str]) -> AbstractContextManager[subprocess.Popen[bytes]]:
    """`python -m bot serve` on the env's PORT, stopped afterwards (bench.turns' starter)."""
    return server(["-m", "bot", "serve"], int(env["PORT"]), env)


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _message(service_url: str, text: str, n: int, *, conversation: str = "") -> dict[str, Any]:
    return {
        "type": "message",
        "id": f"r-{n}-{time.monotonic_ns()}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": f"29:user-{n % 50}", "name": "Medlem", "aadObjectId": f"aad-{n % 50}"},
        "recipient": {"id": "28:bot", "name": "Samverkansboten"},
        "conversation": {
            "id": conversation or f"a:robust-{n % 50}",
            "conversationType": "personal",
            "tenantId": "t",
        },
        "text": text,
        "locale": "sv-SE",
    }


async def _post(http: aiohttp.ClientSession, url: str, data: bytes) -> int:
    try:
        async with http.post(
            url, data=data, headers={"Content-Type": "application/json"}
        ) as response:
            await response.read()
            return response.status
    except aiohttp.ClientError:
        return 0


# -- fuzz ----------------------------------------------------------------------------------

_ODD_VALUES: list[Any] = [
    None, 0, -1, 2**63, 2**70, 1.5, "", "x" * 3000, "\x00", "\ud800", [], {}, True,
    "<at>Samverkansboten</at>", "19:" + "9" * 700, {"id": 5}, ["a", {"b": None}],
    "Vem är ordförande?\u202e", "🙂" * 300, "a" * 10_000,
]  # fmt: skip
_TYPES = ["message", "invoke", "conversationUpdate", "messageReaction", "event", "typing", "x", ""]
_INVOKES = [
    "adaptiveCard/action", "task/fetch", "task/submit", "composeExtension/query",
    "signin/verifyState", "fileConsent/invoke", "actionableMessage/executeAction", "x",
]  # fmt: skip
_ACTIONS = [
    "survey_answer", "forward_question", "office_answer", "library_import", "library_cancel",
    "announce_preview", "announce_send", "survey_open", "x",
]  # fmt: skip


def _nested(depth: int) -> Any:
    value: Any = "end"
    for _ in range(depth):
        value = [value]
    return value


def _mutated(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    body = json.loads(json.dumps(base))
    for _ in range(rng.randint(1, 3)):
        roll = rng.random()
        if roll < 0.2:
            body.pop(rng.choice(list(body)), None)
        elif roll < 0.45:
            body[rng.choice(list(body))] = rng.choice(_ODD_VALUES)
        elif roll < 0.55:
            parent = rng.choice(["from", "conversation", "recipient"])
            if isinstance(body.get(parent), dict):
                body[parent][rng.choice(["id", "name", "aadObjectId", "tenantId"])] = rng.choice(
                    _ODD_VALUES
                )
        elif roll < 0.65:
            body["type"] = rng.choice(_TYPES)
            body["name"] = rng.choice(_INVOKES)
        elif roll < 0.8:
            body["value"] = {
                "action": rng.choice(_ACTIONS),
                rng.choice(["round", "question_id", "pending", "announcement_id"]): rng.choice(
                    _ODD_VALUES
                ),
                "q_a": rng.choice(["ja", "nej", "kanske", 5]),
            }
        elif roll < 0.9:
            body["text"] = "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(0, 400)))
        elif roll < 0.95:
            body["channelData"] = rng.choice(
                [
                    {"tenant": "x"},
                    {"team": {"id": 1}},
                    {"channel": [1]},
                    _nested(rng.randint(10, 60)),
                ]
            )
        else:
            body["entities"] = rng.choice(
                [{"type": "mention"}, ["x"], [{"type": "mention", "mentioned": 3}]]
            )
    return body


async def _fuzz(count: int) -> list[str]:
    rng = random.Random(20261201)
    lines: list[str] = []
    async with ConnectorStub(per_conversation_per_second=None) as stub:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/fuzz.db"
            port = free_port()
            env = _env(url, port)
            _seed(env)
            endpoint = f"http://127.0.0.1:{port}/api/messages"
            statuses: dict[int, int] = {}
            with _served(env) as process:
                async with aiohttp.ClientSession() as http:
                    await _post(
                        http, endpoint, json.dumps(_message(stub.url, QUESTION, 0)).encode()
                    )
                    rss_before = _rss_mib(process.pid)
                    started = time.perf_counter()
                    queue = list(range(count))
                    earlier: list[bytes] = []

                    async def driver() -> None:
                        while queue:
                            n = queue.pop()
                            if earlier and rng.random() < 0.05:
                                data = rng.choice(earlier)  # Teams redelivering
                            else:
                                body = _mutated(rng, _message(stub.url, QUESTION, n))
                                data = json.dumps(body).encode("utf-8", "surrogatepass")
                                if len(earlier) < 200:
                                    earlier.append(data)
                            status = await _post(http, endpoint, data)
                            statuses[status] = statuses.get(status, 0) + 1

                    await asyncio.gather(*(driver() for _ in range(8)))
                    elapsed = time.perf_counter() - started
                    rss_after = _rss_mib(process.pid)
            crashed = sum(APOLOGY in (a.get("text") or "") for a in stub.sent())
            server_errors = sum(n for s, n in statuses.items() if s >= 500 or s == 0)
            shown = ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items()))
            lines.append(
                f"fuzz: {count} activities in {elapsed:.0f} s; 5xx or no answer {server_errors} "
                f"(aim 0), crashed turns {crashed} (aim 0); statuses {shown}"
            )
            lines.append(
                f"fuzz: server memory {rss_before:.0f} -> {rss_after:.0f} MiB "
                f"(ratio {rss_after / max(rss_before, 1):.2f})"
            )
            lines.append("tables after the fuzz run: " + _table_sizes(Path(tmp) / "fuzz.db"))
            lines.append(
                "tables after housekeeping two days later: " + await _after_housekeeping(url, tmp)
            )
    return lines


def _table_sizes(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        counts = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("processed_activities", "queued_activities", "outbox", "conversations")
        }
    return ", ".join(f"{table} {n}" for table, n in counts.items())


async def _after_housekeeping(url: str, tmp: str) -> str:
    from datetime import timedelta

    from bot.domain.clock import SystemClock
    from bot.store.database import Database
    from dialogs.housekeeping import Housekeeping

    db = await Database.connect(url, SystemClock())
    try:
        await Housekeeping(db.activities, db.outbox).round(SystemClock().now() + timedelta(days=2))
    finally:
        await db.dispose()
    return _table_sizes(Path(tmp) / "fuzz.db")


# -- long words ----------------------------------------------------------------------------


async def _long_words() -> list[str]:
    cases = {
        "short question": QUESTION,
        "one 10,000-character word": "abcdefghij" * 1000,
        "25 nearly-words of 39 letters": " ".join(
            "styrgruppsmötesprotokollsjusteringarna"[:39] + str(i % 10) for i in range(25)
        ),
    }
    async with ConnectorStub(per_conversation_per_second=None) as stub:
        with tempfile.TemporaryDirectory() as tmp:
            port = free_port()
            env = _env(f"sqlite:///{tmp}/long.db", port)
            _seed(env)
            endpoint = f"http://127.0.0.1:{port}/api/messages"
            with _served(env):
                async with aiohttp.ClientSession() as http:
                    medians: dict[str, float] = {}
                    for label, text in cases.items():
                        times = []
                        for n in range(21):
                            body = json.dumps(_message(stub.url, text, n)).encode()
                            began = time.perf_counter()
                            await _post(http, endpoint, body)
                            times.append(time.perf_counter() - began)
                        medians[label] = sorted(times[1:])[10] * 1000
    base = medians["short question"]
    return [
        f"long words: {label}: median {ms:.1f} ms (ratio {ms / base:.2f} to the short question; "
        "aim under 100 ms)"
        for label, ms in medians.items()
    ]


# -- kill mid-turn -------------------------------------------------------------------------


async def _kill_mid_turn(database_url: str, label: str) -> str:
    count = 20
    stub = ConnectorStub(per_conversation_per_second=None, delay=1.5)
    async with stub:
        port = free_port()
        env = _env(database_url, port)
        _seed(env)
        endpoint = f"http://127.0.0.1:{port}/api/messages"
        bodies = [
            json.dumps(_message(stub.url, QUESTION, n, conversation=f"a:kill-{n}")).encode()
            for n in range(count)
        ]
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http:
            with _served(env) as process:
                in_flight = [asyncio.create_task(_post(http, endpoint, b)) for b in bodies]
                while len(stub.requests) < count // 2:  # replies are on their way to Teams
                    await asyncio.sleep(0.02)
                process.send_signal(signal.SIGKILL)
                process.wait()
                await asyncio.gather(*in_flight)
            stub.delay = 0.0
            answered_before = sum(1 for n in _replies(stub, count) if n)
            with _served(env) as process:
                for body in bodies:  # Teams redelivers what got no HTTP answer
                    await _until_answered(http, endpoint, body)
                replies = _replies(stub, count)
                lost = sum(1 for n in replies if n == 0)
                duplicates = sum(n - 1 for n in replies if n > 1)
                # Killed after every reply, once the marks written behind the answers are in
                # (milliseconds); Teams redelivers only what it got no answer for anyway.
                await asyncio.sleep(0.5)
                process.send_signal(signal.SIGKILL)
                process.wait()
            with _served(env):
                before = sum(_replies(stub, count))
                for body in bodies:
                    await _until_answered(http, endpoint, body)
                again = sum(_replies(stub, count)) - before
    return (
        f"kill mid-turn, {label}: {count} questions, {answered_before} answered before "
        f"SIGKILL; after restart lost {lost} (aim 0), answered twice {duplicates} (posts Teams "
        f"had when the process died); redelivered after a kill 0.5 s after the replies: "
        f"answered again {again} (aim 0)"
    )


def _replies(stub: ConnectorStub, count: int) -> list[int]:
    """How many replies each of the questions' conversations got."""
    return [len(stub.sent(f"a:kill-{n}")) for n in range(count)]


async def _until_answered(http: aiohttp.ClientSession, endpoint: str, body: bytes) -> int:
    for _ in range(60):
        status = await _post(http, endpoint, body)
        if 200 <= status < 300:
            return status
        await asyncio.sleep(0.5)
    return status


# -- outage --------------------------------------------------------------------------------


async def _outage(quick: bool) -> str:
    from bench.outage import outage_run

    async with postgres_database() as url:
        if url is None:
            return "outage: skipped (no PostgreSQL server)"
        return await outage_run(url, seconds=5.0 if quick else 15.0)


async def run_robustness(quick: bool = False) -> list[str]:
    lines = await _fuzz(2_000 if quick else FUZZED)
    lines += await _long_words()
    lines += await on_both_databases(_kill_mid_turn, "kill mid-turn")
    lines.append(await _outage(quick))
    return lines


if __name__ == "__main__":
    for line in asyncio.run(run_robustness(quick="--quick" in sys.argv)):
        print(line, flush=True)
