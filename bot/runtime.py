"""Wiring: the stores, the features, the route table, the jobs and the Teams seam, built once.

The one place where concrete classes meet: `bot.store`'s SQL stores are handed to the
features as their interfaces (`bot.domain.ports`), the Bot Connector client as their
`Messenger`, the clock to everything. `serve`, `worker` and the terminal chat all build
their bot here, so they cannot drift apart.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

import numpy as np

from bot.calendar_feed import calendar_path
from bot.domain.clock import Clock
from bot.domain.delivery_rules import load_delivery_rules
from bot.domain.messaging import Messenger
from bot.domain.model import Governance, Group
from bot.domain.names import all_names
from bot.domain.ports import FileDownload
from bot.domain.reading import DocumentReader
from bot.domain.search.hybrid import (
    Embedder,
    HybridIndex,
    Matrix,
    Vector,
    passage_text,
    vector_key,
)
from bot.domain.search.index import SearchIndex
from bot.domain.understanding.entities import ROLE_NAMES
from bot.domain.understanding.text import TextAnalysis
from bot.files import FileReader
from bot.jobs import JobRunner
from bot.settings import Settings
from bot.store.cached import CachedRoster
from bot.store.database import Database
from dialogs.announcements.desk import AnnouncementDesk
from dialogs.announcements.posted import PostedMessages
from dialogs.app import App
from dialogs.bindings.feature import ChannelBindings
from dialogs.help import HelpBuilder
from dialogs.housekeeping import Housekeeping
from dialogs.identity import IdentityResolver
from dialogs.library.chat import LibraryChat
from dialogs.library.desk import LibraryDesk
from dialogs.notices.alerts import DeliveryAlerts
from dialogs.notices.delivery import DeliveryConfig, DeliveryWorker
from dialogs.notices.office_tools import NoticeTools
from dialogs.notices.planning import Planner
from dialogs.office import OfficeDirectory
from dialogs.office_questions.forwarding import OfficeForwarding
from dialogs.questions.feature import Questions
from dialogs.questions.kinds import concept_words
from dialogs.routes import Features, add_routes, jobs, new_router
from dialogs.routing import Router
from dialogs.surveys.cards import swedish_day
from dialogs.surveys.clock import SurveyClock
from dialogs.surveys.desk import SurveyDesk
from dialogs.surveys.results import SurveyResults
from dialogs.surveys.sending import SurveySender


@dataclass(frozen=True)
class LibraryWiring:
    """What the office's library needs from the edge: a file reader, a way to fetch files
    sent in Teams (None: no Teams), the regions the library added, and whom to tell of a
    change (the watcher that rebuilds the bot)."""

    reader: DocumentReader
    download: FileDownload | None = None
    added_regions: frozenset[str] = frozenset()
    on_change: Callable[[], None] = lambda: None


@dataclass
class Bot:
    """A built bot: its logic, its features and its jobs (not started)."""

    settings: Settings
    governance: Governance
    clock: Clock
    db: Database
    app: App
    router: Router
    features: Features
    jobs: JobRunner
    help: HelpBuilder


async def build_bot(
    settings: Settings,
    governance: Governance,
    db: Database,
    clock: Clock,
    messenger: Messenger,
    delivery_messenger: Messenger | None,
    embedder: Embedder | None,
    delivery_config: DeliveryConfig | None = None,
    library: LibraryWiring | None = None,
) -> Bot:
    """Everything but the transport. `delivery_messenger=None`: this process does not
    deliver the outbox (the terminal chat). `embedder=None`: retrieval by words only."""
    tz = settings.timezone
    roster = CachedRoster(db.roster)
    identities = IdentityResolver(roster, messenger, settings.office_users)
    router = new_router()
    help_builder = HelpBuilder(router)
    analysis, index = await build_knowledge(governance, db, embedder)
    questions = Questions(
        governance,
        roster,
        db.meetings,
        tz,
        help_builder,
        analysis,
        index,
        query_embedding(embedder),
    )
    app = App(governance, roster, identities, router, clock, settings.default_region, tz)
    office = OfficeDirectory(
        governance, db.conversations, roster, settings.office_users, app.default_region
    )
    rules = load_delivery_rules(settings.data_dir, governance)
    public = settings.public_url.rstrip("/")

    def calendar_url(group: Group) -> str:
        return f"{public}{calendar_path(group)}" if public else ""

    runner = JobRunner(clock)
    wiring = library or LibraryWiring(FileReader(settings.max_document_bytes))
    library_chat = LibraryChat(
        LibraryDesk(governance, db.library, wiring.reader, wiring.added_regions, wiring.on_change),
        db.library,
        wiring.download,
        settings.max_document_bytes,
        tz,
    )
    sender = SurveySender(
        governance, db.surveys, roster, db.conversations, db.outbox, messenger, swedish_day(tz)
    )
    surveys = SurveyDesk(
        governance,
        db.surveys,
        roster,
        db.conversations,
        sender,
        runner,
        app.default_region,
        tz,
        settings.survey_close_days,
    )
    delivery = (
        DeliveryWorker(
            db.outbox,
            db.conversations,
            delivery_messenger,
            office,
            DeliveryAlerts(governance, tz),
            clock,
            delivery_config or DeliveryConfig(tenant_rate=settings.tenant_rate),
            worker_id=db.instance,
        )
        if delivery_messenger is not None
        else None
    )
    features = Features(
        questions=questions,
        bindings=ChannelBindings(
            governance, db.conversations, db.outbox, questions.entities.locate_group
        ),
        announcements=AnnouncementDesk(
            governance,
            db.conversations,
            db.outbox,
            db.announcements,
            PostedMessages(db.conversations, messenger),
            tz,
        ),
        notices=NoticeTools(
            governance,
            questions.entities.locate_group,
            db.conversations,
            db.meetings,
            db.outbox,
            db.pauses,
            rules,
            tz,
            calendar_url,
        ),
        forwarding=OfficeForwarding(
            governance,
            db.questions,
            db.conversations,
            office,
            messenger,
            lambda text, region: questions.language_of(text),
            tz,
        ),
        surveys=surveys,
        survey_results=SurveyResults(governance, db.surveys, surveys),
        planner=Planner(
            governance,
            rules,
            db.meetings,
            db.conversations,
            roster,
            db.outbox,
            db.pauses,
            office,
            tz,
            calendar_url,
            db.job_runs,
        ),
        delivery=delivery,
        survey_clock=SurveyClock(surveys, db.surveys, office, tz, settings.survey_retention_months),
        housekeeping=Housekeeping(
            db.activities,
            db.outbox,
            timedelta(hours=settings.keep_activities_hours),
            timedelta(days=settings.keep_outbox_days),
        ),
        library=library_chat,
    )
    add_routes(router, features, help_builder)
    for job in jobs(features):
        runner.add(job)
    return Bot(settings, governance, clock, db, app, router, features, runner, help_builder)


async def build_knowledge(
    governance: Governance, db: Database, embedder: Embedder | None
) -> tuple[TextAnalysis, HybridIndex]:
    """The one text analysis and the retrieval index: words and, with a model, meaning.
    Passage vectors come from the database when the text is unchanged, else the model."""
    vocabulary = [*all_names(governance), *(n for n, _ in ROLE_NAMES), *concept_words()]
    lexical = SearchIndex.build(governance, vocabulary)
    texts = [passage_text(p) for p in lexical.passages]
    vectors = await passage_vectors(embedder, db, texts)
    names = [*all_names(governance), *(n for n, _ in ROLE_NAMES)]
    return TextAnalysis(lexical.analyzer, names), HybridIndex(lexical, vectors)


async def passage_vectors(embedder: Embedder | None, db: Database, texts: Sequence[str]) -> Matrix:
    if embedder is None:
        return np.zeros((len(texts), 1), dtype=np.float32)
    keys = [vector_key(embedder.model, "passage", t) for t in texts]
    stored = await db.vectors.get_many(keys)
    missing = [t for k, t in zip(keys, texts, strict=True) if k not in stored]
    if missing:
        computed = await asyncio.to_thread(embedder.passages, missing)
        fresh = {
            vector_key(embedder.model, "passage", t): v
            for t, v in zip(missing, computed, strict=True)
        }
        await db.vectors.put_many(embedder.model, fresh)
        stored.update(fresh)
    return np.stack([stored[k] for k in keys]) if keys else np.zeros((0, 1), np.float32)


def query_embedding(embedder: Embedder | None) -> Callable[[str], Awaitable[Vector | None]]:
    async def embed(text: str) -> Vector | None:
        if embedder is None:
            return None
        vectors = await asyncio.to_thread(embedder.queries, [text])
        return vectors[0]

    return embed
