"""Serve an aiohttp low-level handler on 127.0.0.1:<free port>, here or in a thread.

Why a thread at all: parts of the Bot Framework SDK make *blocking* HTTP calls with
``requests`` from inside coroutines (the OpenID metadata/JWKS fetch in JwtTokenExtractor,
TeamsInfo.get_team_details/get_team_channels via the sync TeamsConnectorClient). A server on
the same event loop can never answer those: the loop is blocked waiting for it. Such servers
run on their own loop in a daemon thread instead.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Self

from aiohttp import web

Handler = Callable[[web.BaseRequest], Awaitable[web.StreamResponse]]


async def _listen(handler: Handler) -> tuple[web.ServerRunner, int]:
    # access_log=None: no per-request logging work, the stubs take thousands of requests/s.
    runner = web.ServerRunner(web.Server(handler, access_log=None))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, runner.addresses[0][1]


class Served:
    """A running server; ``port`` is the port it got. Stop it with ``await stop()``."""

    def __init__(self, handler: Handler, *, threaded: bool) -> None:
        self._handler = handler
        self.threaded = threaded
        self.port = 0
        self.loop: asyncio.AbstractEventLoop | None = None  # the loop the handler runs on
        self._runner: web.ServerRunner | None = None
        self._thread: threading.Thread | None = None

    async def start(self) -> int:
        if not self.threaded:
            self.loop = asyncio.get_running_loop()
            self._runner, self.port = await _listen(self._handler)
            return self.port
        ready = threading.Event()
        failure: list[BaseException] = []
        self._thread = threading.Thread(
            target=self._run, args=(ready, failure), name="test-http-server", daemon=True
        )
        self._thread.start()
        await asyncio.to_thread(ready.wait)
        if failure:
            raise failure[0]
        return self.port

    def _run(self, ready: threading.Event, failure: list[BaseException]) -> None:
        loop = asyncio.new_event_loop()
        self.loop = loop
        try:
            self._runner, self.port = loop.run_until_complete(_listen(self._handler))
        except BaseException as error:  # hand any start-up error to start()
            failure.append(error)
            ready.set()
            loop.close()
            return
        ready.set()
        try:
            loop.run_forever()
        finally:
            loop.close()

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is None:
            return
        if not self.threaded:
            await runner.cleanup()
            return
        assert self.loop is not None and self._thread is not None
        done = asyncio.run_coroutine_threadsafe(runner.cleanup(), self.loop)
        await asyncio.wrap_future(done)
        self.loop.call_soon_threadsafe(self.loop.stop)
        await asyncio.to_thread(self._thread.join)


class LocalServer:
    """start/stop and ``async with`` for a stand-in that serves ``self._handle``.

    Subclasses set ``self._server = None`` in ``__init__``, implement ``_handle`` and say in
    ``_started(port)`` which URL to hand out; ``_threaded`` picks the server's own thread.
    """

    _server: Served | None
    _threaded: bool = False

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        raise NotImplementedError

    def _started(self, port: int) -> str:
        raise NotImplementedError

    async def start(self) -> str:
        """Listen on a free port; return the URL this stand-in is reached at."""
        self._server = Served(self._handle, threaded=self._threaded)
        return self._started(await self._server.start())

    async def stop(self) -> None:
        if self._server is not None:
            await self._server.stop()
            self._server = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()
