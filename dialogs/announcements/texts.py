"""Svenska texter för kansliets kungörelser (formuläret, utskicken, rapporten).

Kansliet arbetar alltid på svenska, så det finns bara en språkversion.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AnnouncementTexts:
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


TEXTS = AnnouncementTexts()
