"""The route table: what happens when someone types X, presses Y, or time passes.

Everything the bot reacts to is registered here and nowhere else: each text command with
the Swedish (and English) forms people write and who may use it, each card button's
action, the fallback that answers questions, and the named jobs. Help (`hjälp`) is built
from this table, so it always lists what each person may do; `python -m bot routes`
prints it.

Commands match on their leading words only, the longest phrase first, ignoring case and
å/ä/ö; see `dialogs.routing`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.questions import Language
from dialogs.actions import ActionName
from dialogs.announcements.desk import AnnouncementDesk
from dialogs.bindings.feature import ChannelBindings
from dialogs.help import HelpBuilder
from dialogs.housekeeping import Housekeeping
from dialogs.jobs import Job
from dialogs.library.chat import LibraryChat
from dialogs.library.texts import TEXTS as LIBRARY_TEXTS
from dialogs.notices.delivery import DeliveryWorker
from dialogs.notices.office_tools import NoticeTools
from dialogs.notices.planning import Planner
from dialogs.office_questions.forwarding import OfficeForwarding
from dialogs.questions.feature import Questions
from dialogs.routing import Action, Audience, Command, Router
from dialogs.surveys.clock import SurveyClock
from dialogs.surveys.desk import SurveyDesk
from dialogs.surveys.results import SurveyResults
from dialogs.texts import texts_for

OFFICE = Audience.OFFICE


@dataclass(frozen=True)
class Features:
    """The feature objects the routes and jobs call, built by the runtime."""

    questions: Questions
    bindings: ChannelBindings
    announcements: AnnouncementDesk
    notices: NoticeTools
    forwarding: OfficeForwarding
    surveys: SurveyDesk
    survey_results: SurveyResults
    planner: Planner
    delivery: DeliveryWorker | None  # None where this process does not deliver (chat)
    survey_clock: SurveyClock
    housekeeping: Housekeeping
    library: LibraryChat


def new_router() -> Router:
    texts = texts_for(Language.SV)
    return Router(
        refusal=lambda command: texts.office_only.format(command=command or "Det"),
        unknown_action=texts.unknown_action,
        how_to=lambda c: texts.command_usage.format(usage=c.usage, summary=c.summary),
    )


def add_routes(router: Router, f: Features, help_builder: HelpBuilder) -> Router:
    r = router
    # -- for everyone ---------------------------------------------------------------------
    r.command(
        Command(
            "help",
            ("hjälp", "help", "meny", "menu", "kommandon", "commands", "vad kan du"),
            help_builder.show,
            max_rest=2,
        )
    )
    # -- channel bindings (office, in a channel or group chat) ----------------------------
    r.command(
        Command(
            "bind_channel",
            (
                "koppla kanalen till",
                "koppla chatten till",
                "koppla gruppchatten till",
                "koppla till",
                "bind channel to",
            ),
            f.bindings.bind,
            OFFICE,
            usage="koppla kanalen till <grupp>",
            summary="Koppla kanalen till en grupp (i kanalen)",
        )
    )
    r.command(
        Command(
            "unbind_channel",
            ("koppla loss kanalen", "koppla loss", "koppla bort", "ta bort kopplingen", "unbind"),
            f.bindings.unbind,
            OFFICE,
            usage="koppla loss kanalen",
            summary="Ta bort kanalens koppling",
        )
    )
    r.command(
        Command(
            "list_bindings",
            (
                "visa kopplingar",
                "visa kopplingarna",
                "lista kopplingar",
                "kopplingar",
                "list bindings",
            ),
            f.bindings.listing,
            OFFICE,
            usage="visa kopplingar",
            summary="Se alla kopplade kanaler",
            max_rest=1,
        )
    )
    # -- announcements (office) -----------------------------------------------------------
    r.command(
        Command(
            "new_announcement",
            ("ny kungörelse", "nytt meddelande", "new announcement"),
            f.announcements.new,
            OFFICE,
            usage="ny kungörelse",
            summary="Skriv en kungörelse till grupperna",
        )
    )
    r.command(
        Command(
            "list_announcements",
            ("visa kungörelser", "visa kungörelserna", "list announcements"),
            f.announcements.listing,
            OFFICE,
            usage="visa kungörelser",
            summary="De senaste kungörelserna",
            max_rest=1,
        )
    )
    r.command(
        Command(
            "announcement_report",
            ("rapport kungörelse", "rapport för kungörelse", "rapport kungörelsen"),
            f.announcements.report_command,
            OFFICE,
            usage="rapport kungörelse <nummer>",
            summary="Skickad, väntar eller misslyckad per kanal",
        )
    )
    r.command(
        Command(
            "edit_announcement",
            ("ändra kungörelse", "ändra kungörelsen"),
            f.announcements.edit_command,
            OFFICE,
            usage="ändra kungörelse <nummer>",
            summary="Ändra en kungörelse, även redan skickade meddelanden",
        )
    )
    r.command(
        Command(
            "delete_announcement",
            ("ta bort kungörelse", "ta bort kungörelsen", "radera kungörelse"),
            f.announcements.delete_command,
            OFFICE,
            usage="ta bort kungörelse <nummer>",
            summary="Ta bort en kungörelse, även i Teams",
        )
    )
    for name in (
        ActionName.ANNOUNCEMENT_PREVIEW,
        ActionName.ANNOUNCEMENT_SEND,
        ActionName.ANNOUNCEMENT_CHANGE,
        ActionName.ANNOUNCEMENT_REPORT,
    ):
        r.action(Action(name, f.announcements.submit, OFFICE))
    # -- meetings: links, notices, schedule, pauses, report (office) ----------------------
    r.command(
        Command(
            "agenda_link",
            ("dagordning", "dagordningen"),
            f.notices.agenda,
            OFFICE,
            usage="dagordning <grupp> <länk>",
            summary="Registrera dagordningen för gruppens nästa möte",
            needs_link=True,  # without a link "dagordning …" is a member's question
        )
    )
    r.command(
        Command(
            "minutes_link",
            ("protokoll", "protokollet"),
            f.notices.minutes,
            OFFICE,
            usage="protokoll <grupp> <länk>",
            summary="Registrera protokollet för gruppens senaste möte",
            needs_link=True,
        )
    )
    r.command(
        Command(
            "send_notice",
            ("skicka kallelse till", "skicka kallelse", "skicka kallelsen"),
            f.notices.send_notice,
            OFFICE,
            usage="skicka kallelse <grupp>",
            summary="Skicka nästa mötes kallelse nu",
        )
    )
    r.command(
        Command(
            "schedule",
            ("visa schema", "visa schemat", "vad är schemalagt"),
            f.notices.schedule,
            OFFICE,
            usage="visa schema",
            summary="Utskick de närmaste 14 dagarna",
            max_rest=2,
        )
    )
    r.command(
        Command(
            "pause_reminders",
            ("pausa påminnelser", "pausa påminnelserna", "pausa utskick"),
            f.notices.pause,
            OFFICE,
            usage="pausa påminnelser <grupp>",
            summary="Pausa en grupps kallelser och påminnelser",
        )
    )
    r.command(
        Command(
            "resume_reminders",
            ("återuppta påminnelser", "återuppta påminnelserna", "återuppta utskick"),
            f.notices.resume,
            OFFICE,
            usage="återuppta påminnelser <grupp>",
            summary="Starta en pausad grupps utskick igen",
        )
    )
    r.command(
        Command(
            "notice_report",
            ("rapport kallelser", "rapport kallelse"),
            f.notices.report,
            OFFICE,
            usage="rapport kallelser [FRÅN TILL]",
            summary="Andel möten med kallelsen ute minst 7 dagar före",
        )
    )
    # -- the survey -----------------------------------------------------------------------
    r.command(
        Command(
            "start_survey",
            ("starta enkät", "starta enkäten", "öppna enkäten", "öppna enkät"),
            f.surveys.start,
            OFFICE,
            usage="starta enkät",
            summary="Skicka enkäten med alla frågor nu",
        )
    )
    r.command(
        Command(
            "plan_survey",
            ("ny enkät", "ny enkätomgång", "planera enkät"),
            f.surveys.plan,
            OFFICE,
            usage="ny enkät",
            summary="Välj period, sista svarsdag och frågor på ett kort",
        )
    )
    r.command(
        Command(
            "survey_results",
            ("enkätresultat", "enkät resultat", "enkätens resultat"),
            f.survey_results.show,
            OFFICE,
            usage="enkätresultat",
            summary="Resultat och svarsfrekvens, utan namn",
        )
    )
    r.command(
        Command(
            "remind_survey",
            ("påminn enkät", "påminn om enkäten", "påminn enkäten"),
            f.surveys.remind_command,
            OFFICE,
            usage="påminn enkät",
            summary="Påminn dem som inte svarat",
        )
    )
    r.command(
        Command(
            "close_survey",
            ("stäng enkät", "stäng enkäten"),
            f.surveys.close_command,
            OFFICE,
            usage="stäng enkät",
            summary="Stäng den öppna omgången",
        )
    )
    r.action(Action(ActionName.SURVEY_ANSWER, f.surveys.answer, queued=True))
    r.action(Action(ActionName.SURVEY_OPEN, f.surveys.open_by_card, OFFICE))
    # -- the office's library of governing documents ------------------------------------
    r.command(
        Command(
            "show_documents",
            ("visa dokument", "visa dokumenten", "visa styrdokument", "lista dokument",
             "show documents", "list documents"),
            f.library.show,
            max_rest=4,
            usage="visa dokument [region]",
            summary="Vilka styrdokument som är inlästa, per region, med period",
        )
    )  # fmt: skip
    library_refusal = LIBRARY_TEXTS.office_only
    r.files(Action("import_document_file", f.library.on_file, OFFICE, library_refusal))
    r.action(Action(ActionName.LIBRARY_IMPORT, f.library.confirm, OFFICE, library_refusal))
    r.action(Action(ActionName.LIBRARY_CANCEL, f.library.cancel, OFFICE, library_refusal))
    # -- questions to the office ----------------------------------------------------------
    office_only = texts_for(Language.SV).answer_only_office
    r.action(Action(ActionName.FORWARD_QUESTION, f.forwarding.forward))
    r.action(Action(ActionName.ANSWER_QUESTION, f.forwarding.answer, OFFICE, office_only))
    # -- everything else is a question ----------------------------------------------------
    r.fallback(f.questions.answer)
    return r


def jobs(f: Features) -> Sequence[Job]:
    """What runs when time passes (`bot.jobs.JobRunner` runs them)."""
    table = [
        Job("notice_planning", f.planner.round, every=60.0),
        Job("survey_clock", f.survey_clock.round, every=60.0),
        Job("housekeeping", f.housekeeping.round, every=3600.0),
    ]
    if f.delivery is not None:
        table.append(Job("delivery", f.delivery.next_round, every=1.0, on_stop=f.delivery.stop))
    return table
