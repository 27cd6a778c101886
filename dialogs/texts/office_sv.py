"""Svenska texter för kansliets verktyg i Teams (dialogs/office_tools.py, announcement_cards.py).

Kansliet arbetar alltid på svenska, så det finns bara en språkversion. En egen dataklass,
som för kallelserna, så att verktygen kan ändras utan att röra botens övriga texter.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OfficeTexts:
    not_here: str = "Det verktyget finns bara i Teams."
    # The form
    form_title: str = "Ny kungörelse"
    form_edit_title: str = "Ändra kungörelse {number}"
    title_label: str = "Rubrik"
    title_missing: str = "Skriv en rubrik."
    text_label: str = "Text (Markdown: **fet**, *kursiv*, - punktlista, [länk](https://…))"
    text_missing: str = "Skriv en text."
    link_label: str = "Länk (valfri)"
    targets_label: str = "Till grupperna"
    targets_missing: str = "Välj minst en grupp."
    all_groups: str = "alla grupper"
    when_label: str = "Skicka (tomt = nu, annars datum och tid, svensk tid)"
    preview_button: str = "Förhandsgranska"
    send_button: str = "Skicka"
    change_button: str = "Ändra"
    report_button: str = "Visa rapport"
    preview_intro: str = "Så här ser medlemmarna kungörelsen. Skicka den, eller ändra först:"
    from_office: str = "Kungörelse från {office}"
    read_more: str = "Öppna länken"
    # Checking the form
    bad_link: str = "Länken måste börja med https:// eller http://."
    bad_when: str = "Datum och tid förstår jag inte: skriv datum som ÅÅÅÅ-MM-DD och tid som TT:MM."
    in_past: str = "Tiden har redan varit; lämna datum och tid tomma för att skicka nu."
    form_problems: str = "Kungörelsen skickades inte:\n\n{problems}"
    # After sending
    sent: str = "Kungörelse {number} ({title}) skickas {when} till {count} kanal(er): {groups}."
    sent_none: str = (
        "Kungörelse {number} ({title}) är sparad, men ingen av grupperna har en kopplad kanal, "
        "så den når ingen. Koppla en kanal (*koppla kanalen till <grupp>*) och ändra den sedan."
    )
    already_sent: str = (
        "Den här kungörelsen är redan skickad (nummer {number}). "
        "Skriv *ändra kungörelse {number}* för att ändra den."
    )
    updated: str = (
        "Kungörelse {number} är ändrad: {changed} redan skickade meddelanden uppdaterades, "
        "{pending} som inte gått ut ännu får den nya texten{failed}."
    )
    update_failed: str = "; {count} gick inte att uppdatera i Teams"
    deleted: str = (
        "Kungörelse {number} är borttagen: {removed} meddelanden togs bort i Teams och "
        "{cancelled} som inte gått ut ställdes in{failed}."
    )
    delete_failed: str = "; {count} gick inte att ta bort i Teams"
    now: str = "nu"
    # Listing and reporting
    needs_number: str = (
        "Vilken kungörelse? Skriv numret, t.ex. *{example} 3* (se *visa kungörelser*)."
    )
    unknown: str = "Jag hittar ingen kungörelse med nummer {number}."
    is_deleted: str = "Kungörelse {number} är borttagen."
    list_title: str = "Senaste kungörelserna"
    list_none: str = "Inga kungörelser ännu. Skriv *ny kungörelse* för att skriva en."
    list_row: str = "{title} – {when}, {author}"
    list_footer: str = (
        "Skriv *rapport kungörelse N*, *ändra kungörelse N* eller *ta bort kungörelse N*."
    )
    report_title: str = "Kungörelse {number}: {title}"
    report_summary: str = "Skickad {sent}, väntar {waiting}, misslyckad {failed}"
    report_none: str = "Kungörelsen har inga utskick (ingen av grupperna har en kopplad kanal)."
    state_sent: str = "skickad {when}"
    state_waiting: str = "väntar, går ut {when}"
    state_gone: str = "väntar: kanalen nås inte ({error})"
    state_failed: str = "misslyckad: {error}"
    state_cancelled: str = "inställd"
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


TEXTS = OfficeTexts()
