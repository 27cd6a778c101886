"""`python -m bot chat`: talk to the bot in the terminal, as a roster person.

The same database, route table and features as Teams (`bot.runtime.build_bot`); only the
transport differs, so what works here works in a personal chat in Teams. There is no Teams
to post to: office commands that post (announcements, notices) put their posts in the
outbox, where `serve` or `worker` delivers them.
"""

from __future__ import annotations

import sys
from typing import TextIO

from bot.app import library_governance, open_database
from bot.domain.clock import Clock
from bot.domain.loader import load_governance
from bot.domain.messaging import JSON, SendFailed
from bot.domain.model import Person
from bot.domain.ports import ConversationKind, RosterStore
from bot.files import FileReader
from bot.runtime import LibraryWiring, build_bot
from bot.settings import Settings
from dialogs.app import Incoming
from dialogs.identity import Identity
from dialogs.routing import Audience

PROMPT = "du> "


class NoTeams:
    """The terminal has no Teams: every call says so, as Teams would when unreachable."""

    async def send(self, service_url: str, conversation_id: str, activity: JSON) -> JSON:
        raise SendFailed(0, "the terminal chat has no Teams")

    async def reply(
        self, service_url: str, conversation_id: str, reply_to_id: str, activity: JSON
    ) -> JSON:
        raise SendFailed(0, "the terminal chat has no Teams")

    async def update(
        self, service_url: str, conversation_id: str, activity_id: str, activity: JSON
    ) -> JSON:
        raise SendFailed(0, "the terminal chat has no Teams")

    async def delete(self, service_url: str, conversation_id: str, activity_id: str) -> None:
        raise SendFailed(0, "the terminal chat has no Teams")

    async def create_conversation(self, service_url: str, parameters: JSON) -> JSON:
        raise SendFailed(0, "the terminal chat has no Teams")

    async def member(self, service_url: str, conversation_id: str, member_id: str) -> JSON | None:
        return None


async def chat(
    settings: Settings,
    clock: Clock,
    as_email: str | None,
    *,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> int:
    base = load_governance(settings.data_dir)
    db = await open_database(settings, base, clock)
    governance, added = await library_governance(db, base)
    from bot.embeddings import E5Embedder

    bot = await build_bot(
        settings,
        governance,
        db,
        clock,
        NoTeams(),
        None,
        E5Embedder(),
        library=LibraryWiring(FileReader(settings.max_document_bytes), None, added),
    )
    try:
        person = await _choose_person(db.roster, as_email, stdin, stdout)
        if as_email and person is None:
            print(f"Ingen i medlemsregistret har e-postadressen {as_email}.", file=stdout)
            return 1
        who = person.name if person else "okänd användare (inte i medlemsregistret)"
        is_office = bot.app.identities.is_office(person.email if person else None)
        identity = Identity(person=person, upn=person.email if person else "", is_office=is_office)
        print(
            f"Du chattar med Samverkansboten som {who}."
            f"{' (kansliet)' if is_office else ''} Avsluta med Ctrl-D eller 'sluta'.",
            file=stdout,
        )
        print(bot.app.greeting(ConversationKind.PERSONAL), file=stdout)
        while True:
            stdout.write(PROMPT)
            stdout.flush()
            line = stdin.readline()
            if not line or line.strip().lower() in ("sluta", "exit", "quit"):
                print("Hej då!", file=stdout)
                return 0
            if not line.strip():
                continue
            reply = await bot.app.handle(
                Incoming(
                    text=line.strip(),
                    conversation_id="terminal",
                    kind=ConversationKind.PERSONAL,
                    sender_name=person.email if person else "terminal",
                ),
                identity,
            )
            print("bot> " + reply.text.replace("\n", "\n     "), file=stdout)
    finally:
        await bot.jobs.stop()
        await db.dispose()


async def print_routes(settings: Settings, clock: Clock, stdout: TextIO = sys.stdout) -> int:
    """`python -m bot routes`: the route table, as `dialogs.routes` builds it."""
    governance = load_governance(settings.data_dir)
    db = await open_database(settings, governance, clock)
    try:
        router = (await build_bot(settings, governance, db, clock, NoTeams(), None, None)).router
    finally:
        await db.dispose()
    print("Kommandon (början av meddelandet; versaler och å/ä/ö spelar ingen roll):", file=stdout)
    for command in router.commands:
        who = "kansliet" if command.audience is Audience.OFFICE else "alla"
        forms = " | ".join(command.phrases)
        print(f"  {command.name:<22} {who:<9} {forms}", file=stdout)
    print("\nKnappar på korten (action):", file=stdout)
    for action in router.actions:
        who = "kansliet" if action.audience is Audience.OFFICE else "alla"
        print(f"  {action.name:<22} {who}", file=stdout)
    if router.file_route is not None:
        who = "kansliet" if router.file_route.audience is Audience.OFFICE else "alla"
        print(f"\nEn skickad fil: {router.file_route.name} ({who})", file=stdout)
    print("\nAllt annat: en fråga till boten.", file=stdout)
    return 0


async def _choose_person(
    roster: RosterStore, as_email: str | None, stdin: TextIO, stdout: TextIO
) -> Person | None:
    everyone = list(await roster.people())
    if as_email:
        wanted = as_email.strip().lower()
        return next((p for p in everyone if p.email.lower() == wanted), None)
    if not everyone or not stdin.isatty():
        return None
    print("Vem vill du vara? Välj ett nummer (tom rad = okänd användare):", file=stdout)
    for number, candidate in enumerate(everyone[:30], start=1):
        print(f"  {number:2}. {candidate.name} <{candidate.email}>", file=stdout)
    choice = stdin.readline().strip()
    if choice.isdigit() and 1 <= int(choice) <= min(30, len(everyone)):
        return everyone[int(choice) - 1]
    return None
