"""Wiring: the stores, the features, the route table, the jobs and the Teams seam, built once.

The one place where concrete classes meet: `bot.store`'s SQL stores are handed to the
features as their interfaces (`bot.domain.ports`), the Bot Connector client as their
`Messenger`, the clock to everything. `serve`, `worker` and the terminal chat all build
their bot here, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.calendar_feed import calendar_path
from bot.domain.clock import Clock
from bot.domain.delivery_rules import load_delivery_rules
from bot.domain.messaging import Messenger
from bot.domain.model import Governance, Group
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
from dialogs.notices.alerts import DeliveryAlerts
from dialogs.notices.delivery import DeliveryConfig, DeliveryWorker
from dialogs.notices.office_tools import NoticeTools
from dialogs.notices.planning import Planner
from dialogs.office import OfficeDirectory
from dialogs.office_questions.forwarding import OfficeForwarding
from dialogs.questions.feature import Questions
from dialogs.routes import Features, add_routes, jobs, new_router
from dialogs.routing import Router
from dialogs.surveys.cards import swedish_day
from dialogs.surveys.clock import SurveyClock
from dialogs.surveys.desk import SurveyDesk
from dialogs.surveys.results import SurveyResults
from dialogs.surveys.sending import SurveySender


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


def build_bot(
    settings: Settings,
    governance: Governance,
    db: Database,
    clock: Clock,
    messenger: Messenger,
    delivery_messenger: Messenger | None,
    delivery_config: DeliveryConfig | None = None,
) -> Bot:
    """Everything but the transport. `delivery_messenger=None`: this process does not
    deliver the outbox (the terminal chat)."""
    tz = settings.timezone
    roster = CachedRoster(db.roster)
    identities = IdentityResolver(roster, messenger, settings.office_users)
    router = new_router()
    help_builder = HelpBuilder(router)
    questions = Questions(governance, roster, db.meetings, tz, help_builder)
    app = App(governance, roster, identities, router, clock, settings.default_region, tz)
    office = OfficeDirectory(
        governance, db.conversations, roster, settings.office_users, app.default_region
    )
    rules = load_delivery_rules(settings.data_dir, governance)
    public = settings.public_url.rstrip("/")

    def calendar_url(group: Group) -> str:
        return f"{public}{calendar_path(group)}" if public else ""

    runner = JobRunner(clock)
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
        )
        if delivery_messenger is not None
        else None
    )
    features = Features(
        questions=questions,
        bindings=ChannelBindings(
            governance, db.conversations, db.outbox, questions.reader.locate_group
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
            questions.reader.locate_group,
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
            lambda text, region: questions.reader.read(text, region).language,
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
        ),
        delivery=delivery,
        survey_clock=SurveyClock(surveys, db.surveys, office, tz, settings.survey_retention_months),
        housekeeping=Housekeeping(db.activities),
    )
    add_routes(router, features, help_builder)
    for job in jobs(features):
        runner.add(job)
    return Bot(settings, governance, clock, db, app, router, features, runner, help_builder)
