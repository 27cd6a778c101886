"""The Bot Connector stand-in in a process of its own, so it does not share a core's
time with the load driver: `python -m bench.stub_process EMAIL CONVERSATIONS`.

Prints its service URL on the first line; on a line "count" on stdin it prints how many
activities it has received; on end of input it exits.
"""

from __future__ import annotations

import asyncio
import sys

from bot.event_loop import run
from tests.support.connector import ConnectorStub


async def main(email: str, conversations: int) -> None:
    stub = ConnectorStub(per_conversation_per_second=None)
    url = await stub.start()
    for n in range(conversations):
        stub.add_member(
            f"a:bench-{n}",
            {
                "id": "29:bench-user",
                "name": "Bench",
                "aadObjectId": "bench-aad-0001",
                "email": email,
                "userPrincipalName": email,
            },
        )
    print(url, flush=True)
    loop = asyncio.get_running_loop()
    while line := await loop.run_in_executor(None, sys.stdin.readline):
        if line.strip() == "count":
            print(len(stub.sent()), flush=True)
    await stub.stop()


if __name__ == "__main__":
    # On the service's loop: the stand-in shares the machine's two cores with the server it
    # measures, so the less it takes of them the truer the server's figure.
    run(main(sys.argv[1], int(sys.argv[2])))
