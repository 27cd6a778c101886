"""Svenska texter för kansliets dokumentbibliotek (import, förhandsvisning, listor).

Kansliet arbetar på svenska; medlemmar som frågar vilka dokument som finns får svaret från
frågefunktionen (dialogs/questions), på sitt språk.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LibraryTexts:
    imported: str = (
        "Klart: {title} är inläst för {region} ({sections} avsnitt{period}). "
        "Svaren använder det från och med nu."
    )
    imported_period: str = ", gäller {period}"
    replaced: str = "Det ersätter {old}, som inte längre används i svaren."
    groups_found: str = "Grupper jag hittade i texten: {groups}."
    preview_title: str = "Det här hittade jag i {file}"
    preview_intro: str = (
        "Kontrollera uppgifterna och tryck *Läs in*. Inget ändras förrän du gör det."
    )
    field_title: str = "Titel"
    field_period: str = "Period (t.ex. 2026–2029)"
    field_region: str = "Region"
    field_replaces: str = "Ersätter"
    replaces_nothing: str = "(inget – ett nytt dokument)"
    fact_dated: str = "Fastställt"
    fact_sections: str = "Avsnitt"
    fact_groups: str = "Grupper i texten"
    confirm: str = "Läs in"
    cancel: str = "Avbryt"
    cancelled: str = "Avbrutet: dokumentet lästes inte in."
    gone: str = "Den förhandsvisningen finns inte längre (den är redan inläst eller avbruten)."
    unreadable: str = "Jag kunde inte läsa {file}: {reason}"
    refused: str = "Dokumentet lästes inte in: {reason}"
    download_failed: str = (
        "Jag kunde inte hämta filen från Teams. Skicka den igen om en stund; fungerar det "
        "inte, läs in den med `python -m bot import document FIL --region REGION`."
    )
    personal_only: str = (
        "Skicka dokumentet till mig i en personlig chatt, så visar jag vad jag hittar i det."
    )
    office_only: str = (
        "Det är kansliet som läser in styrdokument. Skicka gärna dokumentet till kansliet."
    )
    one_file: str = "Skicka ett dokument i taget; jag läser det första ({file})."
    no_region: str = (
        'Regionen "{region}" finns inte. Regioner: {known}. En ny region läggs till med '
        "`python -m bot region add NAMN`."
    )
    list_title: str = "Styrdokument i {region}"
    list_none: str = "Inga styrdokument är inlästa för {region}."
    list_period: str = "gäller {period}"
    list_ended: str = "perioden har gått ut"
    list_replaced: str = "ersatt av {new}"
    list_hint: str = (
        "Nytt dokument: skicka filen (PDF, Word eller text) till mig i en personlig chatt."
    )
    preview_summary: str = "{title} ({period}), {sections} avsnitt, {region}."


TEXTS = LibraryTexts()
