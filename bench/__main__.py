"""`make bench`: every benchmark, each printing its figure against a baseline or aim."""

import asyncio
import sys

from bench.answers import run_answers
from bench.delivery import run_delivery
from bench.documents import run_documents
from bench.robustness import run_robustness
from bench.surveys import run_surveys
from bench.turns import run_turns
from bot.event_loop import run


def main() -> None:
    quick = "--quick" in sys.argv
    print("== answers: the question set in bench/questions (aim: >= 95 %, 0 confidently wrong) ==")
    for line in asyncio.run(run_answers()):
        print(line, flush=True)
    print(
        "\n== documents: a new region's document imported as PDF, Word and text, then asked "
        "(aim on the blind one: >= 85 %, 0 confidently wrong) =="
    )
    for line in asyncio.run(run_documents()):
        print(line, flush=True)
    print("\n== turns: 'Vem är ordförande i styrgruppen?' over HTTP vs a stock echo bot ==")
    for line in run(run_turns(quick=quick)):  # the driver too runs light (see stub_process)
        print(line, flush=True)
    print("\n== delivery: one notice to 500 bound channels through Teams' limits ==")
    for line in asyncio.run(run_delivery()):
        print(line, flush=True)
    print("\n== surveys: 2,000 respondents submitting at once over HTTP ==")
    for line in asyncio.run(run_surveys()):
        print(line, flush=True)
    print(
        "\n== robustness: fuzzed activities, long words, SIGKILL mid-turn, a database outage "
        "(aims: 0 x 5xx, 0 crashed turns, 0 lost, 0 duplicates) =="
    )
    for line in asyncio.run(run_robustness(quick=quick)):
        print(line, flush=True)


main()
