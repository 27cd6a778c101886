"""`python -m bot questions …`: the office's view of questions passed on to it."""

from __future__ import annotations

import textwrap

from bot.domain.loader import DataError, load_governance
from bot.domain.model import Governance
from bot.settings import Settings
from bot.store.database import Database
from bot.store.migrate import upgrade_async
from dialogs.office_questions.cards import asker_label, region_name


async def unanswered(settings: Settings) -> int:
    """Print the unanswered questions, oldest first; they wait here until answered in Teams."""
    try:
        governance: Governance | None = load_governance(settings.data_dir)
    except DataError:
        governance = None  # a listing should not fail on a typo in data/: show region keys
    # The table may be newer than the database: migrate first, as every other command does.
    await upgrade_async(settings.database_url)
    db = await Database.connect(settings.database_url)
    try:
        questions = await db.questions.unanswered()
    finally:
        await db.dispose()
    if not questions:
        print("Inga obesvarade frågor.")
        return 0
    print(f"Obesvarade frågor ({len(questions)}):")
    for question in questions:
        when = (
            question.created_at.astimezone(settings.timezone).strftime("%Y-%m-%d %H:%M")
            if question.created_at
            else "?"
        )
        region = region_name(governance, question.region) if governance else question.region
        print(f"\n#{question.id}  {when}  {region}  {asker_label(question)}")
        print(textwrap.indent(question.text, "    "))
    return 0
