"""User-facing text, one module per language; Swedish first.

Each language module defines one `Texts` instance. Templates use named `str.format`
fields; cards are built from these strings by `dialogs.cards`, never by editing JSON text.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.model import Role
from bot.domain.questions import Language


@dataclass(frozen=True)
class Texts:
    language: Language
    greeting_personal: str
    greeting_team: str
    help_title: str
    help_intro: str
    help_items: tuple[tuple[str, str], ...]  # (what you can ask, example)
    help_office_heading: str
    apology: str
    not_understood: str
    too_long: str  # {limit}: a question longer than the bot reads
    forward_button: str  # the button that sends an unanswered question to the office
    # Passing a question on to the office, and its answer (dialogs/forwarding.py).
    office_fallback_name: str  # for a region whose documents name no office
    forward_sent: str  # {office}
    forward_kept: str  # {office}: nobody at the office could be reached now
    forward_repeat: str  # {office}: the same question again within minutes
    forward_empty: str
    forward_card_title: str  # {region}
    forward_asked_by: str
    forward_region: str
    forward_answer_label: str
    forward_answer_placeholder: str
    forward_answer_missing: str  # the card's own message for an empty answer
    forward_answer_button: str
    answer_to_member: str  # {office} {question} {answer} {by}
    answer_only_office: str
    answer_empty: str
    answer_unknown_question: str
    answer_already: str  # {by} {when} {answer}
    answer_sent: str  # {asker}
    answer_not_delivered: str  # {asker} {upn}
    answered_by: str  # {by} {answer}
    needs_group: str
    role_holder: str  # {role} {group} {region} {names}
    role_holder_none: str  # {role} {group} {region}
    role_holder_changes: str  # {role} {group} {region} {year}: the holder changes that year
    members_title: str  # {group} {region}
    members_none: str  # {group}
    seats_heading: str
    people_heading: str
    source: str  # {source}
    source_roster: str
    no_voting: str
    adjunct: str
    office_only: str  # {command}
    unknown_action: str
    command_usage: str  # {usage} {summary}: a command written without what it needs
    next_meeting: str  # {group} {region} {when}
    no_meetings: str  # {group} {region}
    my_meetings_title: str
    my_meetings_none: str
    unknown_asker: str
    place_label: str
    agenda_label: str
    teams_label: str
    time_label: str
    frequency_unknown: str  # {group} {region}
    person_groups_title: str  # {name}
    person_groups_none: str  # {name}
    my_groups_title: str
    represents: str  # {organisation} {group} {region} {names}
    represents_none: str  # {organisation} {group} {region}
    source_calendar: str
    municipalities: str  # {region} {names}
    municipalities_unknown: str  # {region}
    survey_questions: str  # {count}
    survey_no_questions: str
    survey_none: str
    survey_overview: str  # {count} {by}
    role_names: dict[Role, str]
    conjunction: str  # joins the last two names of a list
    document_lead: str  # {title}: before a quote in another language than the question's
    nearest_lead: str  # before the closest passage when the bot is not sure it answers
    expired_document: str  # {period}
    group_suggestions: tuple[str, ...]  # {group}
    section_suggestion: str  # {title}
    documents_title: str  # {region}
    documents_none: str  # {region}
    groups_title: str  # {region}
    groups_local: str  # {term} {places}
    groups_none: str  # {region}
    document_period: str  # {period}
    document_dated: str  # {dated}
    document_ended: str
    examples: tuple[str, ...]


def texts_for(language: Language) -> Texts:
    if language is Language.EN:
        from dialogs.texts.en import TEXTS as english

        return english
    from dialogs.texts.sv import TEXTS as swedish

    return swedish
