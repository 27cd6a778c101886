"""Svenska texter för kansliets verktyg kring möten: dagordning och protokoll, kallelse nu,
schemat, pauser och rapporten om kallelser i tid. Kansliet arbetar på svenska.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoticeToolTexts:
    # Meeting links
    needs_group: str = 'Jag hittar ingen grupp som heter "{group}". Skriv t.ex. *{example} AU …*.'
    link_saved_agenda: str = "Dagordningen för {group} den {when} är registrerad: {url}"
    link_saved_minutes: str = "Protokollet för {group} den {when} är registrerat: {url}"
    no_next_meeting: str = (
        "{group} har inget kommande möte i kalendern att koppla dagordningen till."
    )
    no_past_meeting: str = (
        "{group} har inget tidigare möte i kalendern att koppla protokollet till."
    )
    # Notices now
    notice_queued: str = (
        "Kallelsen till mötet i {group} {when} går ut nu till {count} kanal(er). "
        "Den planerade kallelsen skickas inte en gång till."
    )
    notice_already: str = "Kallelsen till mötet i {group} {when} är redan skickad eller på väg."
    notice_no_channel: str = (
        "{group} har ingen kopplad kanal, så kallelsen når ingen. "
        "Skriv *@Samverkansboten koppla kanalen till {group}* i gruppens kanal."
    )
    no_meeting: str = "{group} har inget kommande möte i kalendern."
    # Schedule
    schedule_title: str = "Schemalagt de närmaste {days} dagarna"
    schedule_none: str = "Inget är schemalagt de närmaste {days} dagarna."
    schedule_queued: str = "I utkorgen"
    schedule_planned: str = "Planerat (läggs i utkorgen när det är dags)"
    schedule_row: str = "{kind}, {group} → {channel}"
    paused_note: str = "Pausade grupper (inget planeras): {groups}"
    kind_names: tuple[tuple[str, str], ...] = (
        ("announcement", "kungörelse"),
        ("kallelse", "kallelse"),
        ("dagordning-saknas", "dagordning saknas"),
        ("paminnelse", "påminnelse"),
        ("protokoll-begaran", "begäran om protokoll"),
        ("protokoll-for-justering", "protokoll för justering"),
        ("justering-paminnelse", "påminnelse om justering"),
        ("protokoll-publicerat", "protokoll publicerat"),
        ("ordforande-paminnelse", "påminnelse till ordföranden"),
        ("office_alert", "meddelande till kansliet"),
    )
    personal_chat: str = "personlig chatt"
    # Pauses
    paused: str = (
        "Påminnelserna för {group} är pausade: inga kallelser, påminnelser eller "
        "protokollutskick planeras förrän du skriver *återuppta påminnelser {short}*."
    )
    already_paused: str = "Påminnelserna för {group} är redan pausade."
    resumed: str = "Påminnelserna för {group} är igång igen."
    not_paused: str = "Påminnelserna för {group} var inte pausade."
    # Notice report
    notice_report_title: str = "Kallelser i tid {start} – {end}"
    notice_report_intro: str = "Andel möten vars kallelse gick ut minst {days} dagar före."
    notice_report_row: str = "{share} ({in_time} av {meetings}; sena {late}, ej skickade {missing})"
    notice_report_total: str = "Totalt"
    notice_report_none: str = "Inga möten med kallelse mellan {start} och {end}."
    bad_period: str = "Perioden är tom: {start} är efter {end}."


TEXTS = NoticeToolTexts()
