"""The event loop the service runs on: uvloop where it is installed, else asyncio's own.

uvloop is asyncio's API over libuv: the same coroutines, with sockets, timers and the
ready queue in C. A turn is mostly asyncio bookkeeping around two HTTP exchanges (Teams'
request in, the reply out); on uvloop, paired runs at 32 concurrent did 12-31 % more
turns a second (bench/README.md).
Windows has no uvloop; there the service runs on asyncio's loop, unchanged otherwise.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def new_event_loop() -> asyncio.AbstractEventLoop:
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def run(main: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run` on the service's loop."""
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        return runner.run(main)
