"""`python -m bot serve` as an operator starts it: the real process, on a free port."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_serve_reads_header_lines_up_to_16_kib_without_warnings(tmp_path: Path) -> None:
    """An over-long token must reach the endpoint (and get its 401 there), not be cut off
    by the HTTP parser's 8 KiB default; and no warning is logged per connection."""
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {
        **os.environ,
        "PORT": str(port),
        "DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
        "MicrosoftAppId": "",
        "LOG_LEVEL": "WARNING",
    }
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        url = f"http://127.0.0.1:{port}/healthz"
        async with aiohttp.ClientSession() as http:
            deadline = time.monotonic() + 120
            while True:
                try:
                    async with http.get(url) as response:
                        assert response.status == 200
                        break
                except aiohttp.ClientConnectionError:
                    assert process.poll() is None, log.read_text()
                    assert time.monotonic() < deadline, "serve did not start"
                    await asyncio.sleep(0.2)
            for _ in range(3):  # each on a connection of its own
                headers = {"X-Long": "a" * 12_000, "Connection": "close"}
                async with http.get(url, headers=headers) as response:
                    assert response.status == 200
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert "Failed to create request handler" not in log.read_text()
