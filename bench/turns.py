"""Turns per second of a "who is chair" question over HTTP, against a stock echo bot.

Both bots run as their own processes and post their replies to the same local Bot
Connector stand-in; the figure that matters is the ratio, measured in the same run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import psutil

from bench.load import Run, drive
from bot import event_loop

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "Vem är ordförande i styrgruppen?"
ASKER_EMAIL = "ordforande.styrgrupp@exempel.invalid"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PeakMemory:
    """Samples a process's resident memory in a thread and keeps the highest value."""

    def __init__(self, pid: int) -> None:
        self._process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, self._process.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.02)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


@contextmanager
def server(args: list[str], port: int, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """The server process, once its port answers. Its log goes to a file, never a pipe
    nobody reads: a full pipe would stop the server mid-benchmark."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log
        )
        try:
            _wait_for_port(process, port, log)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
            log.seek(0)
            logged = log.read().decode(errors="replace").splitlines()
        warnings = [
            line
            for line in logged
            if ("WARNING" in line or "ERROR" in line) and "MicrosoftAppId is empty" not in line
        ]
        if warnings:  # said once, with the first few, so a benchmark's oddities are seen
            print(f"{args}: {len(warnings)} warnings/errors, first: {warnings[:3]}", flush=True)


def _wait_for_port(process: subprocess.Popen[bytes], port: int, log: IO[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                errors = log.read().decode(errors="replace")
                raise RuntimeError(f"{process.args} did not start:\n{errors[-3000:]}") from None
            time.sleep(0.1)


def activity(n: int, service_url: str, conversations: int) -> dict[str, Any]:
    conversation = f"a:bench-{n % conversations}"
    return {
        "type": "message",
        "id": f"bench-{n}-{time.monotonic_ns()}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": "29:bench-user", "name": "Bench", "aadObjectId": "bench-aad-0001"},
        "recipient": {"id": "28:bot", "name": "Samverkansboten"},
        "conversation": {"id": conversation, "conversationType": "personal", "tenantId": "t"},
        "text": QUESTION,
        "locale": "sv-SE",
    }


async def run_turns(quick: bool = False) -> list[str]:
    lines: list[str] = []
    counts = {1: 150 if quick else 400, 32: 800 if quick else 3000}
    stub = subprocess.Popen(
        [sys.executable, "-m", "bench.stub_process", ASKER_EMAIL, "32"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert stub.stdout is not None and stub.stdin is not None
    service_url = stub.stdout.readline().strip()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
            "LOG_LEVEL": "WARNING",
            "MicrosoftAppId": "",
            "BOT_ALLOWED_TENANTS": "",
            "BOT_OFFICE_USERS": "",
        }
        subprocess.run(
            [sys.executable, "-m", "bot", "seed", "--example"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        ours_port, echo_port = free_port(), free_port()
        with (
            server(["-m", "bench.echo_bot", str(echo_port)], echo_port, env),
            server(["-m", "bot", "serve"], ours_port, {**env, "PORT": str(ours_port)}) as ours,
        ):
            memory = PeakMemory(ours.pid)
            results: dict[tuple[str, int], Run] = {}
            for concurrency in (1, 32):
                for label, port in (("echo", echo_port), ("ours", ours_port)):
                    url = f"http://127.0.0.1:{port}/api/messages"

                    def body(n: int, c: int = concurrency) -> dict[str, Any]:
                        return activity(n, service_url, 32 if c > 1 else 1)

                    await drive(url, body, label=label, concurrency=concurrency, requests=50)
                    results[(label, concurrency)] = await drive(
                        url,
                        body,
                        label=label,
                        concurrency=concurrency,
                        requests=counts[concurrency],
                    )
            peak = memory.stop()
    stub.stdin.write("count\n")
    stub.stdin.flush()
    sent = int(stub.stdout.readline())
    stub.stdin.close()
    stub.wait(timeout=10)
    for concurrency in (1, 32):
        ours_run, echo_run = results[("ours", concurrency)], results[("echo", concurrency)]
        ratio = ours_run.per_second / echo_run.per_second if echo_run.per_second else 0.0
        lines.append(
            f"turns c={concurrency:<2}  ours {ours_run.per_second:7.1f}/s "
            f"p50 {ours_run.p50_ms:6.1f} ms p99 {ours_run.p99_ms:6.1f} ms "
            f"errors {ours_run.errors} | "
            f"echo {echo_run.per_second:7.1f}/s p50 {echo_run.p50_ms:6.1f} ms "
            f"p99 {echo_run.p99_ms:6.1f} ms | ratio {ratio:4.2f}x "
            "(aim at c=32: >= 10x, p99 <= 50 ms)"
        )
    lines.append(f"server peak memory: {peak / 2**20:.0f} MiB RSS")
    lines.append(f"replies received by the connector stand-in: {sent}")
    return lines


if __name__ == "__main__":
    for printed in event_loop.run(run_turns(quick="--quick" in sys.argv)):
        print(printed, flush=True)
