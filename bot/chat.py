"""`python -m bot chat`: talk to the bot in the terminal, as a roster person.

Same database and the same `dialogs.Conversation` as Teams; only the transport differs,
so what works here works in a personal chat in Teams.
"""

from __future__ import annotations

import sys
from typing import TextIO

from bot.app import now_in, open_database
from bot.domain.loader import load_governance
from bot.domain.model import Person
from bot.domain.ports import ConversationKind, RosterStore
from bot.settings import Settings
from bot.store.cached import CachedRoster
from dialogs.conversation import Conversation, Incoming

PROMPT = "du> "


async def chat(
    settings: Settings,
    as_email: str | None,
    *,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> int:
    governance = load_governance(settings.data_dir)
    db = await open_database(settings, governance)
    try:
        conversation = Conversation(
            governance,
            CachedRoster(db.roster),
            db.conversations,
            db.meetings,
            settings.default_region,
            settings.timezone,
        )
        person = await _choose_person(db.roster, as_email, stdin, stdout)
        if as_email and person is None:
            print(f"Ingen i medlemsregistret har e-postadressen {as_email}.", file=stdout)
            return 1
        who = person.name if person else "okänd användare (inte i medlemsregistret)"
        is_office = settings.is_office_user(person.email if person else None)
        print(
            f"Du chattar med Samverkansboten som {who}."
            f"{' (kansliet)' if is_office else ''} Avsluta med Ctrl-D eller 'sluta'.",
            file=stdout,
        )
        print(conversation.greeting(ConversationKind.PERSONAL), file=stdout)
        now = now_in(settings)
        while True:
            stdout.write(PROMPT)
            stdout.flush()
            line = stdin.readline()
            if not line or line.strip().lower() in ("sluta", "exit", "quit"):
                print("Hej då!", file=stdout)
                return 0
            if not line.strip():
                continue
            reply = await conversation.reply(
                Incoming(
                    text=line.strip(),
                    conversation_id="terminal",
                    kind=ConversationKind.PERSONAL,
                    asker=person,
                    asker_name=person.email if person else "terminal",
                    is_office=is_office,
                ),
                now=now(),
            )
            print("bot> " + reply.text.replace("\n", "\n     "), file=stdout)
    finally:
        await db.dispose()


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
