"""The service's event loop: uvloop where it is installed (serve runs on it)."""

from __future__ import annotations

import asyncio
import sys

import pytest

from bot import event_loop


@pytest.mark.skipif(sys.platform == "win32", reason="uvloop has no Windows build")
def test_the_service_runs_on_uvloop_where_it_is_installed() -> None:
    import uvloop

    loop = event_loop.new_event_loop()
    try:
        assert isinstance(loop, uvloop.Loop)
    finally:
        loop.close()


def test_run_gives_the_coroutines_result_and_closes_its_loop() -> None:
    seen: list[asyncio.AbstractEventLoop] = []

    async def answer() -> int:
        seen.append(asyncio.get_running_loop())
        await asyncio.sleep(0)
        return 42

    assert event_loop.run(answer()) == 42
    assert seen[0].is_closed()


@pytest.mark.skipif(sys.platform == "win32", reason="uvloop has no Windows build")
async def test_async_tests_run_on_the_services_loop() -> None:
    import uvloop

    assert isinstance(asyncio.get_running_loop(), uvloop.Loop)
