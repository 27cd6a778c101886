"""`make bench`: every benchmark, each printing its ratio against a baseline run now."""

import asyncio
import sys

from bench.turns import run_turns


def main() -> None:
    print("== turns: 'Vem är ordförande i styrgruppen?' over HTTP vs a stock echo bot ==")
    for line in asyncio.run(run_turns(quick="--quick" in sys.argv)):
        print(line, flush=True)


main()
